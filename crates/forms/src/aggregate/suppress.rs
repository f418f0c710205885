//! Small-cell suppression with complementary suppression.
//!
//! Danish health statistics never publish a count from 1 to 4: it is shown
//! as `<5`. Hiding one cell is not enough when the row total is published
//! (the hidden cell is the total minus the others), so further cells are
//! hidden until no hidden cell can be pinned down from what is published.
//!
//! What a reader knows from a published row, and what [`feasible_range`]
//! models: shown cells exactly; the total; a `<5` cell is 1 to 4; a hidden
//! (complementary) cell is 5 or more, because any smaller cell would have
//! been `<5`; in a withheld row every cell is only known to be 0 or more.

use serde::{Deserialize, Serialize};

/// The threshold: counts from 1 to `SMALL_CELL - 1` are never published.
pub const SMALL_CELL: u64 = 5;

/// One published cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "n")]
pub enum Cell {
    /// The exact count.
    Shown(u64),
    /// A count from 1 to 4, shown as `<5`.
    Small,
    /// Hidden so that a small cell cannot be derived (complementary
    /// suppression) or because the whole row is withheld.
    Hidden,
}

impl Cell {
    /// The label to print: the number, `<5` or `x`.
    ///
    /// ```
    /// use lokalform_forms::aggregate::Cell;
    /// assert_eq!(Cell::Shown(12).label(), "12");
    /// assert_eq!(Cell::Small.label(), "<5");
    /// ```
    pub fn label(self) -> String {
        match self {
            Cell::Shown(n) => n.to_string(),
            Cell::Small => format!("<{SMALL_CELL}"),
            Cell::Hidden => "x".to_string(),
        }
    }

    /// The exact count, if shown.
    pub fn shown(self) -> Option<u64> {
        match self {
            Cell::Shown(n) => Some(n),
            _ => None,
        }
    }
}

/// A row of counts (the options of one question) ready to publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressedRow {
    /// One cell per option, in the input order.
    pub cells: Vec<Cell>,
    /// The row total: shown, or `<5` when the total itself is small.
    pub total: Cell,
    /// True when no cell could be published safely and all are hidden.
    pub withheld: bool,
}

/// Suppresses a row of counts for publication.
///
/// ```
/// use lokalform_forms::aggregate::{suppress_row, Cell};
/// // 3 is small; hiding it alone would leave 3 = 20 - 17, so 8 is hidden too.
/// let row = suppress_row(&[3, 8, 9]);
/// assert_eq!(row.cells, vec![Cell::Small, Cell::Hidden, Cell::Shown(9)]);
/// assert_eq!(row.total, Cell::Shown(20));
/// ```
pub fn suppress_row(counts: &[u64]) -> SuppressedRow {
    let sum: u64 = counts.iter().sum();
    if sum > 0 && sum < SMALL_CELL {
        return withheld(counts.len(), Cell::Small);
    }
    let mut cells: Vec<Cell> = counts
        .iter()
        .map(|&n| {
            if n > 0 && n < SMALL_CELL {
                Cell::Small
            } else {
                Cell::Shown(n)
            }
        })
        .collect();
    let total = Cell::Shown(sum);
    loop {
        let row = SuppressedRow {
            cells: cells.clone(),
            total,
            withheld: false,
        };
        let exposed = (0..cells.len())
            .filter(|&i| !matches!(cells[i], Cell::Shown(_)))
            .any(|i| {
                let (lo, hi) = feasible_range(&row, i);
                lo == hi
            });
        if !exposed {
            return row;
        }
        // Hide the smallest shown non-zero cell next; it is 5 or more.
        let next = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Cell::Shown(n) if *n > 0 => Some((*n, i)),
                _ => None,
            })
            .min();
        match next {
            Some((_, i)) => cells[i] = Cell::Hidden,
            None => return withheld(counts.len(), total),
        }
    }
}

fn withheld(len: usize, total: Cell) -> SuppressedRow {
    SuppressedRow {
        cells: vec![Cell::Hidden; len],
        total,
        withheld: true,
    }
}

/// The smallest and largest value cell `i` can have, given only what the
/// published row says (see the module doc for the reader's knowledge).
/// A hidden cell is safe when the two differ.
///
/// When the total is itself `<5`, it bounds every cell by 4.
///
/// ```
/// use lokalform_forms::aggregate::{feasible_range, suppress_row};
/// let row = suppress_row(&[3, 8, 9]);
/// assert_eq!(feasible_range(&row, 0), (1, 4));
/// ```
pub fn feasible_range(row: &SuppressedRow, i: usize) -> (u64, u64) {
    let small_max = SMALL_CELL - 1;
    let total = match row.total {
        Cell::Shown(n) => n,
        _ => small_max,
    };
    let bounds = |c: Cell| -> (u64, u64) {
        match c {
            Cell::Shown(n) => (n, n),
            Cell::Small => (1, small_max),
            Cell::Hidden if row.withheld => (0, total),
            Cell::Hidden => (SMALL_CELL, total),
        }
    };
    let (lo_i, hi_i) = bounds(row.cells[i]);
    if !matches!(row.total, Cell::Shown(_)) {
        return (lo_i, hi_i.min(total));
    }
    let (mut lo_rest, mut hi_rest) = (0u64, 0u64);
    for (j, c) in row.cells.iter().enumerate() {
        if j != i {
            let (lo, hi) = bounds(*c);
            lo_rest += lo;
            hi_rest = hi_rest.saturating_add(hi);
        }
    }
    let lo = lo_i.max(total.saturating_sub(hi_rest));
    let hi = hi_i.min(total.saturating_sub(lo_rest));
    (lo, hi)
}
