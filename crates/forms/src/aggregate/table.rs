//! Suppression of a question's counts per period together with its
//! all-time counts, so that publishing both leaks nothing.
//!
//! A question reported per period is a table: one row per period (its
//! cells add up to the period's responses), the all-time row (each cell
//! the sum of its column), the responses per period (their sum is all
//! responses) and all responses. Every one of those sums is a relation a
//! reader can use, so a cell hidden in one period could be recovered from
//! the all-time count minus the other periods, unless another cell in the
//! same column is hidden too (complementary suppression across periods),
//! and so on around the table.
//!
//! # What a reader knows
//! Shown cells exactly; a `<5` cell is 1 to 4; a hidden cell in a withheld
//! period or withheld all-time row is 0 or more; any other hidden cell is 5
//! or more (it was hidden although it was not small); and every relation
//! above. The response counts are published once per form by
//! [`suppress_row`] (the same row for every question).
//!
//! # Why the check is exact
//! Written with the margins, the table's relations form a network: rows
//! and columns are nodes, each cell an arc (a period's cell from its period
//! to its column, an all-time cell from its column to the all-time row, a
//! period's responses from the margin to its period, all responses from the
//! all-time row to the margin), and the relations say that what flows into
//! each node flows out. Another table consistent with what is published is
//! the true one plus a circulation that keeps every cell within what the
//! reader knows of it, and such a circulation splits into simple cycles
//! that each stay within those bounds. So a hidden cell can take a second
//! value exactly when it lies on a cycle of unit steps that every cell on
//! it allows (the residual graph); [`exposed_cells`] looks for that cycle
//! for every cell that is not shown.
//!
//! # Across questions
//! The questions of one form share the responses per period. A period whose
//! responses are not shown exactly is withheld in every question (all its
//! cells hidden, apart from zeros implied by a shown zero), so any change of
//! those responses that one question's table allows can be matched in every
//! other question by moving one answer between the same two withheld
//! periods. The response row itself is [`suppress_row`]'s, safe on its own.
//! So a cell that can change in its own table can change in everything
//! published together.

use super::suppress::{suppress_row, Cell, SuppressedRow, SMALL_CELL};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One question's published table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressedTable {
    /// One row per period, one cell per column, in the input order.
    pub periods: Vec<Vec<Cell>>,
    /// True for a period whose cells are all withheld (hidden cells there
    /// are only known to be 0 or more).
    pub withheld_periods: Vec<bool>,
    /// The all-time row, one cell per column.
    pub all_time: Vec<Cell>,
    /// True when the all-time row is withheld (hidden cells there are only
    /// known to be 0 or more). Then every period is withheld too.
    pub withheld: bool,
}

/// The published responses of a form: one cell per period and the total,
/// by [`suppress_row`]. Every question's table of that form uses this row.
///
/// ```
/// use lokalform_forms::aggregate::{suppress_responses, Cell};
/// let row = suppress_responses(&[3, 12, 9]);
/// assert_eq!(row.cells, vec![Cell::Small, Cell::Shown(12), Cell::Hidden]);
/// assert_eq!(row.total, Cell::Shown(24));
/// ```
pub fn suppress_responses(per_period: &[u64]) -> SuppressedRow {
    suppress_row(per_period)
}

/// Suppresses one question's table: `counts[p][c]` is column `c` in period
/// `p`, and each row adds up to `responses[p]` (for a question with one
/// answer per response, the options and "not answered"; for one option of
/// a multiple-choice question, "chosen" and "not chosen"). `published` is
/// [`suppress_responses`] of `responses`.
///
/// ```
/// use lokalform_forms::aggregate::{suppress_responses, suppress_table, Cell};
/// use Cell::{Hidden, Shown, Small};
/// // "Yes" and "no" in two quarters of 20 responses: 3 and 17, then 9 and 11.
/// let responses = [20, 20];
/// let counts = vec![vec![3, 17], vec![9, 11]];
/// let table = suppress_table(&responses, &suppress_responses(&responses), &counts);
/// // 3 is small; 17 would give it away (20 - 17), and so would 9 (12 - 9),
/// // and then 11 (20 - 9). The all-time row can stay: 3 is still 1 to 4.
/// assert_eq!(table.periods, vec![vec![Small, Hidden], vec![Hidden, Hidden]]);
/// assert_eq!(table.all_time, vec![Shown(12), Shown(28)]);
/// ```
pub fn suppress_table(
    responses: &[u64],
    published: &SuppressedRow,
    counts: &[Vec<u64>],
) -> SuppressedTable {
    let all_time = column_sums(counts);
    let withheld = !matches!(published.total, Cell::Shown(_)) || published.withheld;
    let withheld_periods: Vec<bool> = (0..counts.len())
        .map(|p| withheld || !matches!(published.cells.get(p), Some(Cell::Shown(_))))
        .collect();
    let first = |n: u64| -> Cell {
        if n > 0 && n < SMALL_CELL {
            Cell::Small
        } else {
            Cell::Shown(n)
        }
    };
    let table = SuppressedTable {
        periods: counts
            .iter()
            .enumerate()
            .map(|(p, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, &n)| {
                        // A zero implied by a shown zero (the column's
                        // all-time count) is shown; anything else in a
                        // withheld period is hidden.
                        let implied_zero = all_time[c] == 0 && !withheld;
                        if withheld_periods[p] && !implied_zero {
                            Cell::Hidden
                        } else {
                            first(n)
                        }
                    })
                    .collect()
            })
            .collect(),
        withheld_periods,
        all_time: all_time
            .iter()
            .map(|&n| if withheld { Cell::Hidden } else { first(n) })
            .collect(),
        withheld,
    };
    let mut net = Network::new(responses, published, counts, &all_time, table);
    // Each round hides at least one more cell, so this ends.
    loop {
        let Some(arc) = net.first_exposed() else {
            return net.table;
        };
        if !net.repair(arc) && !net.withhold_period_of(arc) {
            net.withhold_all();
            return net.table;
        }
    }
}

/// Every cell of `table` that is not shown but whose value follows from what
/// is published, as `(row, column)`, where row `counts.len()` is the
/// all-time row and column `columns` is the responses (a period's, or all
/// of them in the all-time row). Empty for a safe table.
pub fn exposed_cells(
    responses: &[u64],
    published: &SuppressedRow,
    counts: &[Vec<u64>],
    table: &SuppressedTable,
) -> Vec<(usize, usize)> {
    let all_time = column_sums(counts);
    let net = Network::new(responses, published, counts, &all_time, table.clone());
    (0..net.arcs.len())
        .filter(|&a| !net.arcs[a].known && !net.on_cycle(a))
        .map(|a| net.arcs[a].cell)
        .collect()
}

/// Each column's sum over the periods: the all-time row.
fn column_sums(counts: &[Vec<u64>]) -> Vec<u64> {
    let columns = counts.first().map_or(0, Vec::len);
    (0..columns)
        .map(|c| {
            counts
                .iter()
                .map(|row| row.get(c).copied().unwrap_or(0))
                .sum()
        })
        .collect()
}

/// Where a cell sits in the table, for [`exposed_cells`].
type Place = (usize, usize);

/// One cell as an arc of the network (see the module doc).
#[derive(Debug, Clone)]
struct Arc {
    from: usize,
    to: usize,
    value: u64,
    /// What the reader knows: the smallest and largest value.
    lo: u64,
    hi: u64,
    /// Shown (or a margin shown exactly): not part of any cycle.
    known: bool,
    /// The cell, for mapping back to the table.
    cell: Place,
    /// May be hidden to repair another cell (a shown cell of 5 or more that
    /// is not a response count).
    candidate: bool,
}

struct Network {
    arcs: Vec<Arc>,
    /// Arcs known to lie on a cycle. Hiding cells only adds steps to the
    /// residual graph, so an arc once on a cycle stays on one.
    safe: Vec<bool>,
    nodes: usize,
    table: SuppressedTable,
    periods: usize,
    columns: usize,
}

/// The reader's bounds of a cell.
fn bounds(cell: Cell, value: u64, withheld: bool) -> (u64, u64, bool) {
    match cell {
        Cell::Shown(_) => (value, value, true),
        Cell::Small => (1, SMALL_CELL - 1, false),
        Cell::Hidden if withheld => (0, u64::MAX, false),
        Cell::Hidden => (SMALL_CELL, u64::MAX, false),
    }
}

impl Network {
    /// Nodes: periods `0..P`, the all-time row `P`, columns `P+1..P+1+C`,
    /// the margin `P+1+C`.
    fn new(
        responses: &[u64],
        published: &SuppressedRow,
        counts: &[Vec<u64>],
        all_time: &[u64],
        table: SuppressedTable,
    ) -> Network {
        let periods = counts.len();
        let columns = all_time.len();
        let all = periods;
        let column = |c: usize| periods + 1 + c;
        let margin = periods + 1 + columns;
        let mut arcs = Vec::new();
        for (p, row) in counts.iter().enumerate() {
            for c in 0..columns {
                let value = row.get(c).copied().unwrap_or(0);
                let cell = table.periods[p][c];
                let (lo, hi, known) = bounds(cell, value, table.withheld_periods[p]);
                arcs.push(Arc {
                    from: p,
                    to: column(c),
                    value,
                    lo,
                    hi,
                    known,
                    cell: (p, c),
                    candidate: known && value >= SMALL_CELL,
                });
            }
        }
        for (c, &value) in all_time.iter().enumerate() {
            let (lo, hi, known) = bounds(table.all_time[c], value, table.withheld);
            arcs.push(Arc {
                from: column(c),
                to: all,
                value,
                lo,
                hi,
                known,
                cell: (periods, c),
                candidate: known && value >= SMALL_CELL,
            });
        }
        for (p, &value) in responses.iter().enumerate().take(periods) {
            let cell = published.cells.get(p).copied().unwrap_or(Cell::Hidden);
            let (lo, hi, known) = bounds(cell, value, published.withheld);
            arcs.push(Arc {
                from: margin,
                to: p,
                value,
                lo,
                hi,
                known,
                cell: (p, columns),
                candidate: false,
            });
        }
        let total: u64 = responses.iter().sum();
        let (lo, hi, known) = bounds(published.total, total, published.withheld);
        arcs.push(Arc {
            from: all,
            to: margin,
            value: total,
            lo,
            hi,
            known,
            cell: (periods, columns),
            candidate: false,
        });
        Network {
            safe: vec![false; arcs.len()],
            arcs,
            nodes: margin + 1,
            table,
            periods,
            columns,
        }
    }

    /// The residual steps out of each node: (to, arc).
    fn residual(&self, skip: usize) -> Vec<Vec<(usize, usize)>> {
        let mut out = vec![Vec::new(); self.nodes];
        for (i, a) in self.arcs.iter().enumerate() {
            if a.known || i == skip {
                continue;
            }
            if a.value < a.hi {
                out[a.from].push((a.to, i));
            }
            if a.value > a.lo {
                out[a.to].push((a.from, i));
            }
        }
        out
    }

    fn reaches(&self, residual: &[Vec<(usize, usize)>], from: usize, to: usize) -> bool {
        let mut seen = vec![false; self.nodes];
        let mut stack = vec![from];
        seen[from] = true;
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            for &(next, _) in &residual[n] {
                if !seen[next] {
                    seen[next] = true;
                    stack.push(next);
                }
            }
        }
        false
    }

    /// Whether the unknown arc `a` can change by one step in some direction.
    fn on_cycle(&self, a: usize) -> bool {
        let arc = &self.arcs[a];
        let residual = self.residual(a);
        (arc.value < arc.hi && self.reaches(&residual, arc.to, arc.from))
            || (arc.value > arc.lo && self.reaches(&residual, arc.from, arc.to))
    }

    fn first_exposed(&mut self) -> Option<usize> {
        for a in 0..self.arcs.len() {
            if self.arcs[a].known || self.safe[a] {
                continue;
            }
            if self.on_cycle(a) {
                self.safe[a] = true;
            } else {
                return Some(a);
            }
        }
        None
    }

    /// Hides the fewest (then smallest) shown cells that close a cycle
    /// through arc `a`. False when no set of cells can.
    fn repair(&mut self, a: usize) -> bool {
        let arc = self.arcs[a].clone();
        let mut best: Option<(u64, Vec<usize>)> = None;
        if arc.value < arc.hi {
            best = self.cheapest_path(a, arc.to, arc.from);
        }
        if arc.value > arc.lo {
            if let Some(other) = self.cheapest_path(a, arc.from, arc.to) {
                if best.as_ref().is_none_or(|(cost, _)| other.0 < *cost) {
                    best = Some(other);
                }
            }
        }
        let Some((_, hide)) = best else {
            return false;
        };
        if hide.is_empty() {
            return false;
        }
        for i in hide {
            self.hide(i);
        }
        true
    }

    /// Dijkstra from `from` to `to`: unknown arcs' steps cost nothing, a
    /// candidate costs one cell plus a little for its size. Returns the
    /// cost and the candidates on the path.
    fn cheapest_path(&self, skip: usize, from: usize, to: usize) -> Option<(u64, Vec<usize>)> {
        const CELL_COST: u64 = 1 << 32;
        let mut steps = self.residual(skip);
        for (i, a) in self.arcs.iter().enumerate() {
            if a.candidate && i != skip {
                // Once hidden it is 5 or more: it can always grow, and
                // shrink when above 5.
                steps[a.from].push((a.to, i));
                if a.value > SMALL_CELL {
                    steps[a.to].push((a.from, i));
                }
            }
        }
        let mut dist = vec![u64::MAX; self.nodes];
        let mut via: Vec<Option<(usize, usize)>> = vec![None; self.nodes];
        let mut heap = BinaryHeap::new();
        dist[from] = 0;
        heap.push(Reverse((0u64, from)));
        while let Some(Reverse((d, n))) = heap.pop() {
            if d > dist[n] {
                continue;
            }
            if n == to {
                break;
            }
            for &(next, i) in &steps[n] {
                let a = &self.arcs[i];
                let cost = if a.candidate {
                    CELL_COST + a.value.min(CELL_COST - 1)
                } else {
                    0
                };
                let nd = d.saturating_add(cost);
                if nd < dist[next] {
                    dist[next] = nd;
                    via[next] = Some((n, i));
                    heap.push(Reverse((nd, next)));
                }
            }
        }
        if dist[to] == u64::MAX {
            return None;
        }
        let mut hide = Vec::new();
        let mut n = to;
        while let Some((prev, i)) = via[n] {
            if self.arcs[i].candidate {
                hide.push(i);
            }
            n = prev;
        }
        Some((dist[to], hide))
    }

    /// Hides a shown cell: it becomes 5 or more to the reader.
    fn hide(&mut self, i: usize) {
        let arc = &mut self.arcs[i];
        arc.known = false;
        arc.candidate = false;
        arc.lo = SMALL_CELL;
        arc.hi = u64::MAX;
        let (row, column) = arc.cell;
        if row == self.periods {
            self.table.all_time[column] = Cell::Hidden;
        } else {
            self.table.periods[row][column] = Cell::Hidden;
        }
    }

    /// When no shown cells can close a cycle through arc `a` (say a row of
    /// 8 with two `<5` cells and zeros: both must be 4), the period of `a`
    /// is withheld in this question: all its cells hidden and only known
    /// to be 0 or more, apart from zeros implied by a shown zero. False
    /// when `a` is not a cell of a period that is still shown.
    fn withhold_period_of(&mut self, a: usize) -> bool {
        let (row, column) = self.arcs[a].cell;
        if row >= self.periods || column >= self.columns || self.table.withheld_periods[row] {
            return false;
        }
        let implied_zero: Vec<bool> = (0..self.columns)
            .map(|c| {
                self.arcs
                    .iter()
                    .any(|x| x.cell == (self.periods, c) && x.known && x.value == 0)
            })
            .collect();
        for arc in self.arcs.iter_mut() {
            let (r, c) = arc.cell;
            if r == row && c < self.columns && !implied_zero[c] {
                arc.known = false;
                arc.candidate = false;
                arc.lo = 0;
                arc.hi = u64::MAX;
                self.table.periods[r][c] = Cell::Hidden;
            }
        }
        self.table.withheld_periods[row] = true;
        true
    }

    /// The last resort: every cell of the question withheld, except the
    /// zeros of a period with no responses. Safe whenever there are two
    /// columns or more (see the tests).
    fn withhold_all(&mut self) {
        let columns = self.columns;
        for (p, row) in self.table.periods.iter_mut().enumerate() {
            let empty = self
                .arcs
                .iter()
                .any(|a| a.cell == (p, columns) && a.known && a.value == 0);
            for cell in row.iter_mut() {
                *cell = if empty { Cell::Shown(0) } else { Cell::Hidden };
            }
            self.table.withheld_periods[p] = !empty;
        }
        let nothing = self
            .arcs
            .iter()
            .any(|a| a.cell == (self.periods, columns) && a.known && a.value == 0);
        for cell in &mut self.table.all_time {
            *cell = if nothing {
                Cell::Shown(0)
            } else {
                Cell::Hidden
            };
        }
        self.table.withheld = !nothing;
    }
}
