//! The output row: one quotation or reported claim, its speaker and date.
//!
//! This is a wire format: the CSV header is the field names below, in this
//! order, and JSONL output carries the same names. Adding a field at the end
//! is a compatible change; renaming or reordering is not.

use serde::Serialize;

/// What a row reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Words inside quote marks, marks removed.
    Direct,
    /// A reported clause with no quote marks.
    Indirect,
    /// A reported clause that contains quoted words.
    Mixed,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
            Kind::Mixed => "mixed",
        }
    }
}

/// One output row. See the README's "Rows" section for the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// Canonical speaker name ("Dmitry Peskov", "Kremlin"), an unnamed
    /// source as written ("local officials"), or empty when unknown.
    pub speaker: String,
    /// The words: `text[start..end]` of the document.
    pub quote: String,
    /// The document's date, `YYYY-MM-DD`, or empty.
    pub date: String,
    pub kind: Kind,
    /// The reporting word(s) as written ("told", "according to"); empty when
    /// the speaker was carried over from an earlier sentence.
    pub cue: String,
    /// The speaker as written where it was linked ("he", "the Kremlin spokesman").
    pub speaker_mention: String,
    /// File path or JSONL `id`.
    pub source: String,
    /// Byte offsets of `quote` in the document text as read.
    pub start: usize,
    pub end: usize,
    /// The stable id of the rule that produced the row: `KIND.SIEVE/RESOLUTION`.
    pub rule: String,
    /// The cue's class from `cues.tsv`: say, add, confirm, deny, announce,
    /// claim, emphasise, warn, write, describe, believe, according; empty
    /// when there is no cue (a carried-over speaker).
    pub cue_class: String,
    /// The day the statement was made, from the time expression next to its
    /// cue ("told reporters on Wednesday"), resolved against `date`;
    /// `YYYY-MM-DD`, or empty when the text does not say.
    pub said_on: String,
}

/// The CSV header, in order.
pub const HEADER: [&str; 12] = [
    "speaker",
    "quote",
    "date",
    "kind",
    "cue",
    "speaker_mention",
    "source",
    "start",
    "end",
    "rule",
    "cue_class",
    "said_on",
];
