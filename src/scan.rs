//! Finding the few bytes that matter in long runs of text.
//!
//! Segmentation looks for sentence terminals and quote detection for quote
//! marks; everything between is skipped. A [`ByteScan`] finds the next byte
//! of a small set with `memchr` (vectorised, many bytes at a time) so plain
//! text costs little more than reading it. Sets larger than `memchr3`
//! takes are split into groups of up to three bytes; each group remembers
//! where its next byte is, so a left-to-right scan reads the text once per
//! group however many times it is asked.

/// A scan for the bytes of up to two groups of one to three bytes each.
pub(crate) struct ByteScan<'h> {
    hay: &'h [u8],
    groups: &'static [&'static [u8]],
    /// Per group: (searched from, offset of its first byte there or later,
    /// `usize::MAX` for none); `None` before its first search.
    known: [Option<(usize, usize)>; 2],
}

impl<'h> ByteScan<'h> {
    /// Scan `hay` for the bytes of `groups` (at most two groups of one to
    /// three bytes each).
    pub(crate) fn new(hay: &'h [u8], groups: &'static [&'static [u8]]) -> ByteScan<'h> {
        assert!(groups.len() <= 2 && groups.iter().all(|g| (1..=3).contains(&g.len())), "unsupported byte set");
        ByteScan { hay, groups, known: [None; 2] }
    }

    /// The offset (from the start of the haystack) of the first byte of the
    /// set at or after `from`.
    pub(crate) fn find(&mut self, from: usize) -> Option<usize> {
        let rest = self.hay.get(from..)?;
        let mut best = usize::MAX;
        for (g, bytes) in self.groups.iter().enumerate() {
            let at = match self.known[g] {
                // still the first one at or after `from`
                Some((searched, next)) if searched <= from && next >= from => next,
                _ => {
                    let found = match **bytes {
                        [a] => memchr::memchr(a, rest),
                        [a, b] => memchr::memchr2(a, b, rest),
                        [a, b, c] => memchr::memchr3(a, b, c, rest),
                        _ => None,
                    };
                    let next = found.map_or(usize::MAX, |i| from + i);
                    self.known[g] = Some((from, next));
                    next
                }
            };
            best = best.min(at);
        }
        (best != usize::MAX).then_some(best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn finds_what_a_plain_scan_finds(
            hay in proptest::collection::vec(prop_oneof![Just(b'.'), Just(b'!'), Just(0xE2u8), Just(b'a'), any::<u8>()], 0..200),
            froms in proptest::collection::vec(0usize..210, 1..20),
        ) {
            let set: &[u8] = b".?!\xE2";
            let mut scan = ByteScan::new(&hay, &[b".?!", b"\xE2"]);
            for from in froms {
                let plain = hay.get(from..).and_then(|r| r.iter().position(|b| set.contains(b))).map(|i| from + i);
                prop_assert_eq!(scan.find(from), plain);
            }
        }
    }
}
