//! The seeding's one source of chance: a generator seeded from the request's `seed`, so the same
//! request on the same world makes the same ids and the same shape (the admin log replays it).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// Every random choice of a seeding.
#[derive(Clone)]
pub(crate) struct SeedRng(StdRng);

impl SeedRng {
    pub fn new(seed: u64) -> Self {
        SeedRng(StdRng::seed_from_u64(seed))
    }

    /// `n` lowercase alphanumerics (the alphabet of Catalog and Agreement ids).
    pub fn alnum(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| ALNUM[self.0.random_range(0..ALNUM.len())] as char)
            .collect()
    }

    /// `n` decimal digits.
    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.0.random_range(0..10u8)))
            .collect()
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.0.random_range(0..n)
        }
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        self.0.random_range(lo..=hi.max(lo))
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.0.random_bool(p.clamp(0.0, 1.0))
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_values() {
        let (mut a, mut b) = (SeedRng::new(7), SeedRng::new(7));
        assert_eq!(a.alnum(13), b.alnum(13));
        assert_eq!(a.digits(7), b.digits(7));
        assert_ne!(SeedRng::new(8).alnum(13), SeedRng::new(7).alnum(13));
    }
}
