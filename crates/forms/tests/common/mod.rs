//! What a reader of a published, suppressed row can work out: shared by
//! the suppression and cohort tests, which both check that no hidden cell
//! can be recovered.

use lokalform_forms::aggregate::{Cell, SuppressedRow};
use std::collections::BTreeSet;

/// What the reader knows a cell can be, as an inclusive range, where `cap`
/// is the largest sum the row can have.
pub fn reader_domain(row: &SuppressedRow, cell: Cell, cap: u64) -> (u64, u64) {
    match cell {
        Cell::Shown(n) => (n, n),
        Cell::Small => (1, 4),
        Cell::Hidden if row.withheld => (0, cap),
        Cell::Hidden => (5, cap),
    }
}

/// The sums the reader accepts: the shown total exactly, or 1..=4 for `<5`.
pub fn accepted_sums(row: &SuppressedRow) -> (u64, u64) {
    match row.total {
        Cell::Shown(t) => (t, t),
        Cell::Small => (1, 4),
        Cell::Hidden => panic!("the total is never hidden: {row:?}"),
    }
}

/// For every cell, the set of values it takes across all assignments that are
/// consistent with the published row. Exhaustive: the sums reachable by the
/// other cells are built up cell by cell over every value of every domain
/// (a subset-sum table, i.e. the projection of the full enumeration).
pub fn consistent_values(row: &SuppressedRow) -> Vec<BTreeSet<u64>> {
    let (sum_lo, sum_hi) = accepted_sums(row);
    let cap = sum_hi;
    let domains: Vec<(u64, u64)> = row
        .cells
        .iter()
        .map(|&c| reader_domain(row, c, cap))
        .collect();
    let width = cap as usize + 1;
    (0..row.cells.len())
        .map(|i| {
            // reachable[s]: the cells other than i can sum to s.
            let mut reachable = vec![false; width];
            reachable[0] = true;
            for (j, &(lo, hi)) in domains.iter().enumerate() {
                if j == i {
                    continue;
                }
                let mut next = vec![false; width];
                for s in (0..width).filter(|&s| reachable[s]) {
                    for v in lo..=hi {
                        let t = s + v as usize;
                        if t < width {
                            next[t] = true;
                        }
                    }
                }
                reachable = next;
            }
            let (lo, hi) = domains[i];
            (lo..=hi)
                .filter(|&v| {
                    (sum_lo..=sum_hi).any(|total| total >= v && reachable[(total - v) as usize])
                })
                .collect()
        })
        .collect()
}
