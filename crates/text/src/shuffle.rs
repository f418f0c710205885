//! Putting a few items in a random order: a Fisher–Yates shuffle over a
//! random source the caller gives (in the browser `crypto.getRandomValues`,
//! see `components/src/store/kiosk.rs`), so the algorithm is tested here
//! with a known source and the browser supplies only the random words.
//!
//! A kiosk batch's comments leave in such an order: in the order people
//! answered, staff who saw who used the tablet when could tell whose
//! comment is whose.

/// A number in `0..n` (`n` ≥ 1) from uniformly random 32-bit words
/// `next`, without modulo bias: a word in the incomplete last block of
/// `n` values is drawn again (for the few items shuffled here that is
/// almost never).
///
/// ```
/// use lokalform_text::shuffle::below;
/// let mut words = [7u32, 2].into_iter();
/// assert_eq!(below(5, || words.next().unwrap()), 2);
/// // 2^32 = 858,993,459 × 5 + 1: the highest word is drawn again.
/// let mut words = [u32::MAX, 9].into_iter();
/// assert_eq!(below(5, || words.next().unwrap()), 4);
/// ```
pub fn below(n: u32, mut next: impl FnMut() -> u32) -> u32 {
    assert!(n > 0, "below(0) has no value");
    // The number of words that do not fit a whole block of n: 2^32 mod n.
    let spare = (u32::MAX % n + 1) % n;
    loop {
        let word = next();
        // Words 0 ..= u32::MAX - spare fill whole blocks of n.
        if word <= u32::MAX - spare {
            return word % n;
        }
    }
}

/// Shuffles `items` in place (Fisher–Yates): every order equally likely
/// when `next` gives uniformly random 32-bit words.
///
/// ```
/// use lokalform_text::shuffle::shuffle;
/// let mut items = vec!["a", "b", "c"];
/// let mut words = [0u32, 0].into_iter();
/// // i = 2 swaps with 0, then i = 1 with 0.
/// shuffle(&mut items, || words.next().unwrap());
/// assert_eq!(items, ["b", "c", "a"]);
/// ```
pub fn shuffle<T>(items: &mut [T], mut next: impl FnMut() -> u32) {
    for i in (1..items.len()).rev() {
        let bound = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let j = below(bound, &mut next) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift32) standing in for
    /// `crypto.getRandomValues` in the statistical tests.
    fn xorshift(mut state: u32) -> impl FnMut() -> u32 {
        move || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        }
    }

    #[test]
    fn a_shuffle_keeps_every_item_once() {
        let mut next = xorshift(0x9e37_79b9);
        for len in 0..20 {
            let mut items: Vec<usize> = (0..len).collect();
            shuffle(&mut items, &mut next);
            let mut sorted = items.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..len).collect::<Vec<_>>());
        }
    }

    #[test]
    fn every_order_of_three_comes_about_equally_often() {
        let mut next = xorshift(12345);
        let orders = [
            [0, 1, 2],
            [0, 2, 1],
            [1, 0, 2],
            [1, 2, 0],
            [2, 0, 1],
            [2, 1, 0],
        ];
        let mut seen = [0u32; 6];
        let rounds = 60_000;
        for _ in 0..rounds {
            let mut items = [0, 1, 2];
            shuffle(&mut items, &mut next);
            let at = orders.iter().position(|o| *o == items).unwrap();
            seen[at] += 1;
        }
        // Each expected 10,000 times; the standard deviation is about 91.
        for (order, n) in orders.iter().zip(seen) {
            assert!((9_500..=10_500).contains(&n), "{order:?} came {n} times");
        }
    }

    #[test]
    fn the_first_comment_is_not_kept_in_front() {
        // The flaw the shuffle fixes: in the order people answered, the
        // first person's comment would always be first.
        let mut next = xorshift(7);
        let mut first_stays = 0;
        for _ in 0..1_000 {
            let mut items = ["first", "second", "third", "fourth", "fifth"];
            shuffle(&mut items, &mut next);
            if items[0] == "first" {
                first_stays += 1;
            }
        }
        // Expected 200 (one in five).
        assert!((140..=260).contains(&first_stays), "{first_stays}");
    }

    #[test]
    fn below_is_never_biased_by_the_last_incomplete_block() {
        // n = 3: 2^32 mod 3 = 1, so only u32::MAX is drawn again.
        let mut words = [u32::MAX, u32::MAX, u32::MAX - 1].into_iter();
        assert_eq!(below(3, || words.next().unwrap()), (u32::MAX - 1) % 3);
        // n = 1 and powers of two: every word fits.
        let mut words = [u32::MAX].into_iter();
        assert_eq!(below(1, || words.next().unwrap()), 0);
        let mut words = [u32::MAX].into_iter();
        assert_eq!(below(8, || words.next().unwrap()), 7);
    }
}
