//! Small-cell suppression: no count from 1 to 4 is published, and no
//! suppressed cell can be pinned down from what is published.
//!
//! The recoverability check here does NOT use `feasible_range`: it works out,
//! from the published row alone and the reader's knowledge stated in the
//! domain brief, every value each suppressed cell can take across all
//! assignments consistent with the row, and demands at least two.

use lokalform_forms::aggregate::{feasible_range, suppress_row, Cell, SuppressedRow, SMALL_CELL};
use proptest::prelude::*;
use std::collections::BTreeSet;

mod common;
use common::{accepted_sums, consistent_values, reader_domain};

/// Literal enumeration of every assignment, for small rows; used to check
/// `consistent_values` itself.
fn enumerate_all(row: &SuppressedRow) -> Vec<Vec<u64>> {
    let (sum_lo, sum_hi) = accepted_sums(row);
    let domains: Vec<(u64, u64)> = row
        .cells
        .iter()
        .map(|&c| reader_domain(row, c, sum_hi))
        .collect();
    let mut out = Vec::new();
    let mut current = Vec::new();
    fn go(
        domains: &[(u64, u64)],
        sum_lo: u64,
        sum_hi: u64,
        current: &mut Vec<u64>,
        out: &mut Vec<Vec<u64>>,
    ) {
        let sum: u64 = current.iter().sum();
        if current.len() == domains.len() {
            if (sum_lo..=sum_hi).contains(&sum) {
                out.push(current.clone());
            }
            return;
        }
        let (lo, hi) = domains[current.len()];
        for v in lo..=hi {
            if sum + v > sum_hi {
                break;
            }
            current.push(v);
            go(domains, sum_lo, sum_hi, current, out);
            current.pop();
        }
    }
    go(&domains, sum_lo, sum_hi, &mut current, &mut out);
    out
}

/// Counts biased towards the small values that suppression is about.
fn count() -> impl Strategy<Value = u64> {
    prop_oneof![
        4 => 0u64..=5,
        3 => 0u64..=12,
        2 => 0u64..=40,
    ]
}

fn row_counts() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(count(), 1..=7)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every property the brief asks of one row.
fn assert_safe(counts: &[u64]) -> Result<(), TestCaseError> {
    let row = suppress_row(counts);
    let sum: u64 = counts.iter().sum();
    prop_assert_eq!(row.cells.len(), counts.len(), "one cell per count");

    for (i, (&n, &cell)) in counts.iter().zip(&row.cells).enumerate() {
        if let Cell::Shown(shown) = cell {
            prop_assert!(
                !(1..SMALL_CELL).contains(&n),
                "count {} at {} is published in {:?}",
                n,
                i,
                row
            );
            prop_assert_eq!(shown, n, "shown cell {} differs from the input", i);
        }
        if cell == Cell::Small {
            prop_assert!((1..SMALL_CELL).contains(&n), "<5 on count {}", n);
        }
    }
    if row.withheld {
        prop_assert!(row.cells.iter().all(|&c| c == Cell::Hidden), "{:?}", row);
    }

    match sum {
        0 => prop_assert_eq!(row.total, Cell::Shown(0)),
        1..=4 => prop_assert_eq!(row.total, Cell::Small),
        _ => prop_assert_eq!(row.total, Cell::Shown(sum)),
    }

    // The truth is one of the assignments the reader considers possible, i.e.
    // the published row does not lie (a hidden cell in a row that is not
    // withheld really is 5 or more, a `<5` really is 1-4).
    let values = consistent_values(&row);
    for (i, (&n, set)) in counts.iter().zip(&values).enumerate() {
        prop_assert!(
            set.contains(&n),
            "true count {} of cell {} excluded: {:?}",
            n,
            i,
            row
        );
    }

    for (i, (&cell, set)) in row.cells.iter().zip(&values).enumerate() {
        if !matches!(cell, Cell::Shown(_)) {
            prop_assert!(
                set.len() >= 2,
                "suppressed cell {} of {:?} is recoverable from {:?}: only {:?} fits",
                i,
                counts,
                row,
                set
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_suppressed_cell_is_recoverable_and_nothing_small_is_shown(counts in row_counts()) {
        assert_safe(&counts)?;
    }

    #[test]
    fn rows_without_small_counts_are_published_unchanged(
        counts in prop::collection::vec(prop_oneof![Just(0u64), 5u64..=40], 1..=7)
    ) {
        let row = suppress_row(&counts);
        prop_assert!(!row.withheld);
        let expected: Vec<Cell> = counts.iter().map(|&n| Cell::Shown(n)).collect();
        prop_assert_eq!(row.cells, expected);
        prop_assert_eq!(row.total, Cell::Shown(counts.iter().sum()));
    }

    #[test]
    fn suppression_is_deterministic_and_independent_of_previous_calls(counts in row_counts()) {
        prop_assert_eq!(suppress_row(&counts), suppress_row(&counts));
    }

    /// Checks the subset-sum oracle against a literal enumeration of every
    /// assignment on rows small enough to enumerate.
    #[test]
    fn oracle_agrees_with_literal_enumeration(
        counts in prop::collection::vec(0u64..=8, 1..=5)
    ) {
        let row = suppress_row(&counts);
        let all = enumerate_all(&row);
        let mut literal = vec![BTreeSet::new(); counts.len()];
        for assignment in &all {
            for (i, &v) in assignment.iter().enumerate() {
                literal[i].insert(v);
            }
        }
        prop_assert_eq!(consistent_values(&row), literal);
        prop_assert!(all.contains(&counts), "the truth is a consistent assignment");
    }

    /// `feasible_range` is what `suppress_row` relies on to decide that a
    /// row is safe; on the rows it decides about (not withheld) it must give
    /// exactly the smallest and largest value the exhaustive oracle finds,
    /// and on withheld rows it must at least not be narrower.
    #[test]
    fn feasible_range_matches_exhaustive_oracle(counts in row_counts()) {
        let row = suppress_row(&counts);
        let values = consistent_values(&row);
        for (i, set) in values.iter().enumerate() {
            if matches!(row.cells[i], Cell::Shown(_)) {
                continue;
            }
            let lo = *set.first().unwrap();
            let hi = *set.last().unwrap();
            let (flo, fhi) = feasible_range(&row, i);
            if row.withheld {
                prop_assert!(flo <= lo && hi <= fhi, "cell {} of {:?}", i, row);
            } else {
                prop_assert_eq!((flo, fhi), (lo, hi), "cell {} of {:?}", i, row);
            }
        }
    }
}

#[test]
fn two_ones_beside_a_ten_hide_the_ten_too() {
    // [<5, <5, 10] with total 12 would force both small cells to be 1.
    let row = suppress_row(&[1, 1, 10]);
    assert_eq!(row.cells, vec![Cell::Small, Cell::Small, Cell::Hidden]);
    assert_eq!(row.total, Cell::Shown(12));
    assert!(!row.withheld);
    assert_safe(&[1, 1, 10]).unwrap();
}

#[test]
fn two_fours_beside_twenty_hide_the_twenty_too() {
    // [<5, <5, 20] with total 28 would force both small cells to be 4.
    let row = suppress_row(&[4, 4, 20]);
    assert_eq!(row.cells, vec![Cell::Small, Cell::Small, Cell::Hidden]);
    assert_eq!(row.total, Cell::Shown(28));
    assert!(!row.withheld);
    assert_safe(&[4, 4, 20]).unwrap();
}

#[test]
fn two_fours_alone_are_withheld_with_the_total_shown() {
    // [<5, <5] with total 8 forces 4 + 4; nothing else can be hidden.
    let row = suppress_row(&[4, 4]);
    assert!(row.withheld);
    assert_eq!(row.cells, vec![Cell::Hidden, Cell::Hidden]);
    assert_eq!(row.total, Cell::Shown(8));
    assert_safe(&[4, 4]).unwrap();
}

#[test]
fn a_small_cell_beside_a_zero_hides_the_other_non_zero_cell() {
    let row = suppress_row(&[3, 0, 10]);
    assert_eq!(row.cells, vec![Cell::Small, Cell::Shown(0), Cell::Hidden]);
    assert_eq!(row.total, Cell::Shown(13));
    assert!(!row.withheld);
    assert_safe(&[3, 0, 10]).unwrap();
}

#[test]
fn an_all_zero_row_is_published_as_zeros() {
    let row = suppress_row(&[0, 0, 0]);
    assert_eq!(row.cells, vec![Cell::Shown(0); 3]);
    assert_eq!(row.total, Cell::Shown(0));
    assert!(!row.withheld);
}

#[test]
fn a_small_total_withholds_the_row_and_shows_the_total_as_small() {
    let row = suppress_row(&[0, 3, 0]);
    assert!(row.withheld);
    assert_eq!(row.cells, vec![Cell::Hidden; 3]);
    assert_eq!(row.total, Cell::Small);
    assert_eq!(row.total.label(), "<5");
    assert_safe(&[0, 3, 0]).unwrap();
}

#[test]
fn complementary_cell_hidden_is_the_smallest_shown_one() {
    // Hiding 6 (not 30) is enough and loses the least information.
    let row = suppress_row(&[2, 30, 6]);
    assert_eq!(row.cells, vec![Cell::Small, Cell::Shown(30), Cell::Hidden]);
    assert_safe(&[2, 30, 6]).unwrap();
}

#[test]
fn small_cells_that_are_not_pinned_need_no_complement() {
    // 2 + 3 = 5 with each 1..4: either could be 1..4, so nothing more hidden.
    let row = suppress_row(&[2, 3, 7]);
    assert_eq!(row.cells, vec![Cell::Small, Cell::Small, Cell::Shown(7)]);
    assert_eq!(row.total, Cell::Shown(12));
    assert_safe(&[2, 3, 7]).unwrap();
}

#[test]
fn a_hidden_cell_pinned_by_the_five_floor_leads_to_withholding() {
    // [<5, x] with total 6 and x >= 5 forces 1 + 5.
    let row = suppress_row(&[1, 5]);
    assert!(row.withheld);
    assert_eq!(row.total, Cell::Shown(6));
    assert_safe(&[1, 5]).unwrap();
}

#[test]
fn cells_serialise_with_kind_and_count() {
    let row = suppress_row(&[3, 8, 9]);
    let json = serde_json::to_value(&row).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "cells": [{"kind": "small"}, {"kind": "hidden"}, {"kind": "shown", "n": 9}],
            "total": {"kind": "shown", "n": 20},
            "withheld": false
        })
    );
    let back: SuppressedRow = serde_json::from_value(json).unwrap();
    assert_eq!(back, row);
    assert_eq!(Cell::Hidden.label(), "x");
    assert_eq!(Cell::Shown(0).label(), "0");
}
