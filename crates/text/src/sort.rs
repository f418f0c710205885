//! Sorting a few items without the standard library's sort, which costs
//! about 4 KB of wasm in every widget bundle that links it. The lists sorted
//! in the browser are short (a batch's comments, a definition's problems),
//! so an insertion sort is quick enough and stable.

/// Sorts `items` so that no item comes after one it is `less` than;
/// items that are equal keep their order (stable). Quadratic: for short
/// lists only.
///
/// ```
/// use lokalform_text::sort::sort_small_by;
/// let mut words = vec!["b", "c", "a", "b"];
/// sort_small_by(&mut words, |x, y| x < y);
/// assert_eq!(words, ["a", "b", "b", "c"]);
///
/// // Stable: equal keys keep their order.
/// let mut pairs = vec![(2, 'x'), (1, 'y'), (2, 'z')];
/// sort_small_by(&mut pairs, |a, b| a.0 < b.0);
/// assert_eq!(pairs, [(1, 'y'), (2, 'x'), (2, 'z')]);
/// ```
pub fn sort_small_by<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}
