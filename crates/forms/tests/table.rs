//! Suppression per period: no suppressed cell can be derived from every
//! period's table, the all-time row and the responses, published together.
//!
//! Three independent checks, none of which uses the cycle search that
//! `suppress_table` relies on:
//! - no published relation (a period's cells add up to its responses, a
//!   column's periods add up to its all-time cell, the all-time row adds up
//!   to all responses, the periods' responses add up to all responses) has
//!   exactly one unknown;
//! - interval arithmetic over every relation of every question of a form
//!   together, repeated until nothing changes, pins down no unknown cell;
//! - on tables small enough, a literal enumeration of every table the reader
//!   considers possible gives each unknown cell two values or more, and
//!   agrees with `exposed_cells` about which cells are determined.

use lokalform_forms::aggregate::{
    exposed_cells, suppress_responses, suppress_table, Cell, SuppressedRow, SuppressedTable,
    SMALL_CELL,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// A form's truth: responses per period and, per question, counts per
/// period and column (each row adds up to the period's responses).
#[derive(Debug, Clone)]
struct Form {
    responses: Vec<u64>,
    questions: Vec<Vec<Vec<u64>>>,
}

/// Splits `n` into `columns` parts from a seed (small parts are common).
fn split(n: u64, columns: usize, seed: &mut u64) -> Vec<u64> {
    let mut parts = vec![0u64; columns];
    for _ in 0..n {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // Skewed towards the first columns, as real answers are.
        let r = (*seed >> 33) % (columns as u64 * (columns as u64 + 1) / 2);
        let mut acc = 0u64;
        for (c, part) in parts.iter_mut().enumerate() {
            acc += (columns - c) as u64;
            if r < acc {
                *part += 1;
                break;
            }
        }
    }
    parts
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![
        3 => 0u64..=6,
        3 => 0u64..=15,
        2 => 0u64..=40,
    ]
}

fn form() -> impl Strategy<Value = Form> {
    (
        prop::collection::vec(count(), 1..=7),
        prop::collection::vec(2usize..=5, 1..=3),
        any::<u64>(),
    )
        .prop_map(|(responses, widths, mut seed)| {
            let questions = widths
                .iter()
                .map(|&w| responses.iter().map(|&n| split(n, w, &mut seed)).collect())
                .collect();
            Form {
                responses,
                questions,
            }
        })
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// What the reader knows of one cell, as an inclusive range (`None` above:
/// no upper bound).
fn domain(cell: Cell, withheld: bool) -> (i128, Option<i128>) {
    match cell {
        Cell::Shown(n) => (i128::from(n), Some(i128::from(n))),
        Cell::Small => (1, Some(i128::from(SMALL_CELL) - 1)),
        Cell::Hidden if withheld => (0, None),
        Cell::Hidden => (i128::from(SMALL_CELL), None),
    }
}

fn unknown(cell: Cell) -> bool {
    !matches!(cell, Cell::Shown(_))
}

/// The truth fits what is published: shown cells are exact, `<5` is 1–4,
/// a hidden cell outside a withheld row is 5 or more.
fn assert_truthful(
    counts: &[Vec<u64>],
    table: &SuppressedTable,
    published: &SuppressedRow,
) -> Result<(), TestCaseError> {
    let check = |cell: Cell, n: u64, withheld: bool| -> Result<(), TestCaseError> {
        let (lo, hi) = domain(cell, withheld);
        let n = i128::from(n);
        prop_assert!(n >= lo && hi.is_none_or(|h| n <= h), "{:?} for {}", cell, n);
        Ok(())
    };
    for (p, row) in counts.iter().enumerate() {
        for (c, &n) in row.iter().enumerate() {
            check(table.periods[p][c], n, table.withheld_periods[p])?;
        }
        if !table.withheld_periods[p] {
            prop_assert!(matches!(published.cells[p], Cell::Shown(_)));
        }
    }
    for (c, &cell) in table.all_time.iter().enumerate() {
        let n: u64 = counts.iter().map(|r| r[c]).sum();
        check(cell, n, table.withheld)?;
    }
    Ok(())
}

/// One variable of the whole system: its known range.
#[derive(Debug, Clone, Copy)]
struct Var {
    lo: i128,
    hi: i128,
    unknown: bool,
}

/// Every relation of a form: (variable, sign) lists that sum to zero.
struct System {
    vars: Vec<Var>,
    relations: Vec<Vec<(usize, i128)>>,
    names: Vec<String>,
}

/// Builds the system for a whole form: the responses row once, and every
/// question's table sharing it.
fn system(form: &Form, published: &SuppressedRow, tables: &[SuppressedTable]) -> System {
    let cap: i128 = i128::from(form.responses.iter().sum::<u64>()) + 10;
    let mut vars = Vec::new();
    let mut names = Vec::new();
    let mut add = |cell: Cell, withheld: bool, name: String, vars: &mut Vec<Var>| -> usize {
        let (lo, hi) = domain(cell, withheld);
        vars.push(Var {
            lo,
            hi: hi.unwrap_or(cap),
            unknown: unknown(cell),
        });
        names.push(name);
        vars.len() - 1
    };
    let mut relations = Vec::new();
    let periods: Vec<usize> = (0..form.responses.len())
        .map(|p| {
            add(
                published.cells[p],
                published.withheld,
                format!("R{p}"),
                &mut vars,
            )
        })
        .collect();
    let total = add(published.total, published.withheld, "R".into(), &mut vars);
    let mut responses: Vec<(usize, i128)> = periods.iter().map(|&v| (v, 1)).collect();
    responses.push((total, -1));
    relations.push(responses);
    for (q, table) in tables.iter().enumerate() {
        let columns = table.all_time.len();
        let cells: Vec<Vec<usize>> = table
            .periods
            .iter()
            .enumerate()
            .map(|(p, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, &cell)| {
                        add(
                            cell,
                            table.withheld_periods[p],
                            format!("q{q} p{p} c{c}"),
                            &mut vars,
                        )
                    })
                    .collect()
            })
            .collect();
        let all: Vec<usize> = table
            .all_time
            .iter()
            .enumerate()
            .map(|(c, &cell)| add(cell, table.withheld, format!("q{q} all c{c}"), &mut vars))
            .collect();
        for (p, row) in cells.iter().enumerate() {
            let mut r: Vec<(usize, i128)> = row.iter().map(|&v| (v, 1)).collect();
            r.push((periods[p], -1));
            relations.push(r);
        }
        for c in 0..columns {
            let mut r: Vec<(usize, i128)> = cells.iter().map(|row| (row[c], 1)).collect();
            r.push((all[c], -1));
            relations.push(r);
        }
        let mut r: Vec<(usize, i128)> = all.iter().map(|&v| (v, 1)).collect();
        r.push((total, -1));
        relations.push(r);
    }
    System {
        vars,
        relations,
        names,
    }
}

/// The brief's minimum: no relation has exactly one unknown.
fn assert_no_lone_unknown(s: &System) -> Result<(), TestCaseError> {
    for r in &s.relations {
        let unknowns: Vec<&str> = r
            .iter()
            .filter(|(v, _)| s.vars[*v].unknown)
            .map(|(v, _)| s.names[*v].as_str())
            .collect();
        prop_assert!(
            unknowns.len() != 1,
            "{} alone unknown in a relation",
            unknowns[0]
        );
    }
    Ok(())
}

/// Interval arithmetic over all relations until nothing changes; no
/// unknown may end with one value.
fn assert_not_pinned(s: &mut System) -> Result<(), TestCaseError> {
    for _ in 0..200 {
        let mut changed = false;
        for r in &s.relations {
            for &(j, sj) in r {
                // sj*xj = -Σ si*xi
                let (mut lo, mut hi) = (0i128, 0i128);
                for &(i, si) in r {
                    if i == j {
                        continue;
                    }
                    let v = s.vars[i];
                    let (a, b) = if si > 0 { (-v.hi, -v.lo) } else { (v.lo, v.hi) };
                    lo += a;
                    hi += b;
                }
                let (lo, hi) = if sj > 0 { (lo, hi) } else { (-hi, -lo) };
                let v = &mut s.vars[j];
                if lo > v.lo {
                    v.lo = lo;
                    changed = true;
                }
                if hi < v.hi {
                    v.hi = hi;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for (v, name) in s.vars.iter().zip(&s.names) {
        prop_assert!(v.lo <= v.hi, "{} has no value: {:?}", name, v);
        if v.unknown {
            prop_assert!(v.lo < v.hi, "{} is pinned to {}", name, v.lo);
        }
    }
    Ok(())
}

fn publish(form: &Form) -> (SuppressedRow, Vec<SuppressedTable>) {
    let published = suppress_responses(&form.responses);
    let tables = form
        .questions
        .iter()
        .map(|counts| suppress_table(&form.responses, &published, counts))
        .collect();
    (published, tables)
}

/// Every table the reader considers possible, by literal enumeration; for
/// each cell (row `periods` is the all-time row, column `columns` the
/// responses) the values it takes.
fn enumerate(published: &SuppressedRow, table: &SuppressedTable) -> Vec<Vec<BTreeSet<u64>>> {
    let (periods, columns) = (table.periods.len(), table.all_time.len());
    let cap: u64 = match published.total {
        Cell::Shown(n) => n,
        _ => SMALL_CELL - 1,
    };
    let mut e = Enumeration {
        published,
        table,
        cap,
        current: vec![vec![0u64; columns + 1]; periods],
        seen: vec![vec![BTreeSet::new(); columns + 1]; periods + 1],
    };
    e.rows(0);
    e.seen
}

/// The state of [`enumerate`]: the table being filled in (each period's
/// cells, then its responses) and the values seen so far.
struct Enumeration<'a> {
    published: &'a SuppressedRow,
    table: &'a SuppressedTable,
    cap: u64,
    current: Vec<Vec<u64>>,
    seen: Vec<Vec<BTreeSet<u64>>>,
}

impl Enumeration<'_> {
    fn range(&self, cell: Cell, withheld: bool) -> (u64, u64) {
        let (lo, hi) = domain(cell, withheld);
        (lo as u64, hi.map_or(self.cap, |h| (h as u64).min(self.cap)))
    }

    /// Every value of period `p`'s responses, then its cells.
    fn rows(&mut self, p: usize) {
        let (periods, columns) = (self.table.periods.len(), self.table.all_time.len());
        if p == periods {
            self.record();
            return;
        }
        let used: u64 = self.current[..p].iter().map(|r| r[columns]).sum();
        let (lo, hi) = self.range(self.published.cells[p], self.published.withheld);
        for r in lo..=hi.min(self.cap.saturating_sub(used)) {
            self.current[p][columns] = r;
            self.fill(0, r, p);
        }
    }

    /// Every value of cell `c` of period `p` with `left` to share out.
    fn fill(&mut self, c: usize, left: u64, p: usize) {
        let columns = self.table.all_time.len();
        let (lo, hi) = self.range(self.table.periods[p][c], self.table.withheld_periods[p]);
        if c + 1 == columns {
            if left >= lo && left <= hi {
                self.current[p][c] = left;
                self.rows(p + 1);
            }
            return;
        }
        for v in lo..=hi.min(left) {
            self.current[p][c] = v;
            self.fill(c + 1, left - v, p);
        }
    }

    /// A complete table: kept when the total and the all-time row fit.
    fn record(&mut self) {
        let (periods, columns) = (self.table.periods.len(), self.table.all_time.len());
        let total: u64 = self.current.iter().map(|r| r[columns]).sum();
        let (lo, hi) = self.range(self.published.total, self.published.withheld);
        if total < lo || total > hi {
            return;
        }
        let sums: Vec<u64> = (0..columns)
            .map(|c| self.current.iter().map(|r| r[c]).sum())
            .collect();
        for (c, &s) in sums.iter().enumerate() {
            let (lo, hi) = self.range(self.table.all_time[c], self.table.withheld);
            if s < lo || s > hi {
                return;
            }
        }
        for (q, row) in self.current.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                self.seen[q][c].insert(v);
            }
        }
        for (c, &s) in sums.iter().enumerate() {
            self.seen[periods][c].insert(s);
        }
        self.seen[periods][columns].insert(total);
    }
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn no_suppressed_cell_follows_from_everything_published(form in form()) {
        let (published, tables) = publish(&form);
        for (counts, table) in form.questions.iter().zip(&tables) {
            assert_truthful(counts, table, &published)?;
            prop_assert_eq!(
                exposed_cells(&form.responses, &published, counts, table),
                Vec::<(usize, usize)>::new()
            );
        }
        let mut s = system(&form, &published, &tables);
        assert_no_lone_unknown(&s)?;
        assert_not_pinned(&mut s)?;
    }

    #[test]
    fn suppression_is_deterministic(form in form()) {
        prop_assert_eq!(publish(&form), publish(&form));
    }
}

/// The published cell at row `p`, column `c` of [`enumerate`]'s layout.
fn cell_at(published: &SuppressedRow, table: &SuppressedTable, p: usize, c: usize) -> Cell {
    let (periods, columns) = (table.periods.len(), table.all_time.len());
    match (p == periods, c == columns) {
        (true, true) => published.total,
        (true, false) => table.all_time[c],
        (false, true) => published.cells[p],
        (false, false) => table.periods[p][c],
    }
}

/// A small table: 2 or 3 periods, 2 or 3 columns, few responses.
fn small_table() -> impl Strategy<Value = (Vec<u64>, Vec<Vec<u64>>)> {
    (2usize..=3, 2usize..=3, any::<u64>())
        .prop_flat_map(|(periods, columns, seed)| {
            let most = if periods * columns > 6 { 5u64 } else { 9 };
            (
                prop::collection::vec(0u64..=most, periods),
                Just(columns),
                Just(seed),
            )
        })
        .prop_map(|(responses, columns, mut seed)| {
            let counts = responses
                .iter()
                .map(|&n| split(n, columns, &mut seed))
                .collect();
            (responses, counts)
        })
}

proptest! {
    #![proptest_config(config(300))]

    /// The published table leaves every unknown cell two values or more,
    /// by literal enumeration of every table the reader considers possible.
    #[test]
    fn enumeration_finds_two_values_for_every_unknown((responses, counts) in small_table()) {
        let published = suppress_responses(&responses);
        let table = suppress_table(&responses, &published, &counts);
        let seen = enumerate(&published, &table);
        for (p, row) in seen.iter().enumerate() {
            for (c, values) in row.iter().enumerate() {
                let cell = cell_at(&published, &table, p, c);
                prop_assert!(!values.is_empty(), "the truth fits: {:?}", table);
                if unknown(cell) {
                    prop_assert!(values.len() >= 2, "cell {},{} only {:?} in {:?}", p, c, values, table);
                }
            }
        }
    }

    /// `exposed_cells` (the cycle search) finds exactly the cells the
    /// enumeration pins down, also on tables that are not safe: shown
    /// cells of 5 or more are hidden and hidden ones shown at random.
    #[test]
    fn cycle_search_agrees_with_enumeration(
        (responses, counts) in small_table(),
        flips in prop::collection::vec(any::<bool>(), 12),
    ) {
        let published = suppress_responses(&responses);
        let mut table = suppress_table(&responses, &published, &counts);
        let flip = |cell: Cell, n: u64, k: usize| -> Cell {
            match cell {
                Cell::Shown(n) if flips[k % flips.len()] && n >= SMALL_CELL => Cell::Hidden,
                Cell::Hidden if flips[k % flips.len()] => Cell::Shown(n),
                other => other,
            }
        };
        let mut k = 0;
        for (p, row) in counts.iter().enumerate() {
            if table.withheld_periods[p] {
                continue;
            }
            for (c, &n) in row.iter().enumerate() {
                table.periods[p][c] = flip(table.periods[p][c], n, k);
                k += 1;
            }
        }
        if !table.withheld {
            for c in 0..table.all_time.len() {
                let n: u64 = counts.iter().map(|r| r[c]).sum();
                table.all_time[c] = flip(table.all_time[c], n, k);
                k += 1;
            }
        }
        let seen = enumerate(&published, &table);
        let mut pinned = Vec::new();
        for (p, row) in seen.iter().enumerate() {
            for (c, values) in row.iter().enumerate() {
                let cell = cell_at(&published, &table, p, c);
                if unknown(cell) && values.len() == 1 {
                    pinned.push((p, c));
                }
            }
        }
        let mut exposed = exposed_cells(&responses, &published, &counts, &table);
        exposed.sort_unstable();
        prop_assert_eq!(exposed, pinned, "{:?}", table);
    }
}

fn table_of(responses: &[u64], counts: &[Vec<u64>]) -> (SuppressedRow, SuppressedTable) {
    let published = suppress_responses(responses);
    let table = suppress_table(responses, &published, counts);
    (published, table)
}

#[test]
fn a_small_cell_in_one_period_hides_a_partner_in_its_column_and_row() {
    // yes / no over two quarters; 3 in the first quarter is small.
    let (_, t) = table_of(&[20, 20], &[vec![3, 17], vec![9, 11]]);
    assert_eq!(t.periods[0][0], Cell::Small);
    // Its row partner (17) and its column partner (9), and the fourth
    // corner (11), or the all-time cells: at least two in its row and column.
    let hidden_in_row = t.periods[0].iter().filter(|c| unknown(**c)).count();
    let hidden_in_column = [t.periods[1][0], t.all_time[0]]
        .iter()
        .filter(|c| unknown(**c))
        .count();
    assert!(hidden_in_row >= 2, "{t:?}");
    assert!(hidden_in_column >= 1, "{t:?}");
    assert!(!t.withheld);
}

#[test]
fn a_period_with_few_responses_is_withheld_with_a_partner_period() {
    // The second month had 3 responses: its count shows as <5 and the
    // month is withheld in the question; the responses row hides another
    // month so 3 is not 30 - 27.
    let (published, t) = table_of(&[12, 3, 15], &[vec![7, 5], vec![2, 1], vec![10, 5]]);
    assert_eq!(published.cells[1], Cell::Small);
    assert!(t.withheld_periods[1]);
    assert!(t.periods[1].iter().all(|c| *c == Cell::Hidden));
    let withheld = t.withheld_periods.iter().filter(|w| **w).count();
    assert!(withheld >= 2, "{published:?} {t:?}");
}

#[test]
fn a_table_without_small_counts_is_published_unchanged() {
    let (published, t) = table_of(&[20, 30], &[vec![5, 15], vec![10, 20]]);
    assert_eq!(published.cells, vec![Cell::Shown(20), Cell::Shown(30)]);
    assert_eq!(
        t.periods,
        vec![
            vec![Cell::Shown(5), Cell::Shown(15)],
            vec![Cell::Shown(10), Cell::Shown(20)],
        ]
    );
    assert_eq!(t.all_time, vec![Cell::Shown(15), Cell::Shown(35)]);
}

#[test]
fn a_column_with_no_answers_is_shown_as_zero_everywhere() {
    let (_, t) = table_of(&[12, 3, 15], &[vec![12, 0], vec![3, 0], vec![15, 0]]);
    assert_eq!(t.all_time[1], Cell::Shown(0));
    assert!(t.periods.iter().all(|row| row[1] == Cell::Shown(0)));
}

#[test]
fn few_responses_in_all_withholds_the_whole_table() {
    let (published, t) = table_of(&[1, 2], &[vec![1, 0], vec![0, 2]]);
    assert!(published.withheld);
    assert_eq!(published.total, Cell::Small);
    assert!(t.withheld);
    assert!(t.all_time.iter().all(|c| *c == Cell::Hidden));
    assert!(t.periods.iter().flatten().all(|c| *c == Cell::Hidden));
}

#[test]
fn the_all_time_row_alone_needs_no_more_than_before() {
    // One period: the table is the all-time row twice; 3 and 10 hidden
    // together as suppress_row would (3 = 40 - 10 - 12 - 15 otherwise).
    let (_, t) = table_of(&[40], &[vec![3, 10, 12, 15, 0]]);
    assert_eq!(
        t.all_time,
        vec![
            Cell::Small,
            Cell::Hidden,
            Cell::Shown(12),
            Cell::Shown(15),
            Cell::Shown(0)
        ]
    );
}

#[test]
fn a_period_pinned_by_its_own_row_is_withheld_in_that_question_only() {
    // June: 8 responses, 4 "yes" and 4 "partly": both <5, and 4 + 4 = 8
    // tells both, whatever else is hidden. That month is withheld in this
    // question; the all-time row stays published.
    let responses = [16, 8, 15];
    let counts = vec![vec![7, 7, 2, 0], vec![4, 4, 0, 0], vec![10, 3, 2, 0]];
    let (published, t) = table_of(&responses, &counts);
    assert!(!published.withheld);
    assert_eq!(published.cells[1], Cell::Shown(8));
    assert!(t.withheld_periods[1], "{t:?}");
    assert_eq!(
        t.periods[1],
        vec![Cell::Hidden, Cell::Hidden, Cell::Hidden, Cell::Shown(0)]
    );
    assert!(!t.withheld, "{t:?}");
    assert_eq!(t.all_time[3], Cell::Shown(0));
    assert!(exposed_cells(&responses, &published, &counts, &t).is_empty());
}
