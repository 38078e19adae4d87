//! Finding the few bytes that matter in long runs of text.
//!
//! Segmentation looks for sentence terminals and quote detection for quote
//! marks; everything between is skipped. [`ByteSet`] finds the next byte of
//! a small set with aho-corasick's vectorised prefilter when it can (many
//! bytes at a time), so plain text costs little more than reading it.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// A set of bytes to search for.
pub struct ByteSet {
    finder: Option<AhoCorasick>,
    member: [bool; 256],
}

impl ByteSet {
    /// The set of `bytes` (each a pattern of one byte).
    pub fn new(bytes: &[u8]) -> ByteSet {
        let mut member = [false; 256];
        for &b in bytes {
            member[b as usize] = true;
        }
        let patterns: Vec<[u8; 1]> = bytes.iter().map(|&b| [b]).collect();
        // A DFA with its prefilter; if it cannot be built (it always can for
        // a few one-byte patterns) the table scan below is used instead.
        let finder = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostFirst)
            .build(patterns)
            .ok();
        ByteSet { finder, member }
    }

    /// The offset of the first byte of the set in `hay[from..]`, from the
    /// start of `hay`.
    pub fn find(&self, hay: &[u8], from: usize) -> Option<usize> {
        let rest = hay.get(from..)?;
        match &self.finder {
            Some(f) => f.find(rest).map(|m| from + m.start()),
            None => rest.iter().position(|&b| self.member[b as usize]).map(|i| from + i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn finds_what_a_plain_scan_finds(hay in proptest::collection::vec(any::<u8>(), 0..300), from in 0usize..310) {
            let set = ByteSet::new(b".?!\xE2");
            let plain = hay.get(from..).and_then(|r| r.iter().position(|b| b".?!\xE2".contains(b))).map(|i| from + i);
            prop_assert_eq!(set.find(&hay, from), plain);
        }
    }
}
