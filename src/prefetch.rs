//! Prefetching: starting a load early, so that it overlaps other work.
//!
//! The hot loops of indexing look words up in fixed tables too large for the core's own
//! cache (stems, token descriptions). When the next key is known before the current one
//! is done with, asking for its slot early hides most of the wait.

/// Start loading the cache lines of `item` (a hint: nothing is read into the program).
#[inline(always)]
pub fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let start = (item as *const T).cast::<i8>();
        for offset in (0..std::mem::size_of::<T>().max(1)).step_by(64) {
            // SAFETY: a prefetch reads nothing into the program and never faults,
            // whatever the address; these are within a live reference.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(offset)) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}
