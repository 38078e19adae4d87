//! The output row: one quotation or reported claim, its speaker and date.
//!
//! This is a wire format, defined once in [`COLUMNS`]: the CSV header, the
//! JSONL field order, the XLSX columns and the Spark schema
//! (`examples/spark/quotelink_spark.py`, checked by a test) all follow that
//! table. Adding a column at the end is a compatible change; renaming or
//! reordering is not.

use serde::Serialize;
use serde::ser::SerializeStruct;

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
    /// The name written in the `kind` column: `direct`, `indirect` or `mixed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
            Kind::Mixed => "mixed",
        }
    }
}

/// One output row. See the README's "Rows" section for the contract, and
/// [`COLUMNS`] for the order of its fields in every output format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Canonical speaker name ("Dmitry Peskov", "Kremlin"), an unnamed
    /// source as written ("local officials"), or empty when unknown.
    pub speaker: String,
    /// The words: `text[start..end]` of the document.
    pub quote: String,
    /// The document's date, `YYYY-MM-DD`, or empty.
    pub date: String,
    /// What the row reports: a direct quote, an indirect or a mixed claim.
    pub kind: Kind,
    /// The reporting word(s) as written ("told", "according to"); empty when
    /// the speaker was carried over from an earlier sentence.
    pub cue: String,
    /// The speaker as written where it was linked ("he", "the Kremlin spokesman").
    pub speaker_mention: String,
    /// File path or JSONL `id`.
    pub source: String,
    /// Byte offset of the start of `quote` in the document text as read.
    pub start: usize,
    /// Byte offset of the end of `quote` (exclusive).
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
    /// The article's headline, or empty.
    pub title: String,
    /// The article's URL, or empty.
    pub url: String,
    /// The article's outlet (site name, else the URL's domain, else the
    /// folder of the file it was read from), or empty.
    pub outlet: String,
    /// The language whose lexicons read the document (`en`, `ru`, `uk`, or a
    /// language folder's name): detected per document with `--lang auto`.
    pub lang: String,
}

/// What a column holds, for formats that type their cells (XLSX, Spark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Free text (a string in every format).
    Text,
    /// A non-negative integer (a JSON number, a spreadsheet number, a Spark `long`).
    Int,
    /// A day as `YYYY-MM-DD`, or empty (a string in CSV and JSON, a date
    /// cell in a spreadsheet, a Spark `string`).
    Date,
}

/// Which field of [`Record`] a column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// [`Record::speaker`].
    Speaker,
    /// [`Record::quote`].
    Quote,
    /// [`Record::date`].
    Date,
    /// [`Record::kind`].
    Kind,
    /// [`Record::cue`].
    Cue,
    /// [`Record::speaker_mention`].
    SpeakerMention,
    /// [`Record::source`].
    Source,
    /// [`Record::start`].
    Start,
    /// [`Record::end`].
    End,
    /// [`Record::rule`].
    Rule,
    /// [`Record::cue_class`].
    CueClass,
    /// [`Record::said_on`].
    SaidOn,
    /// [`Record::title`].
    Title,
    /// [`Record::url`].
    Url,
    /// [`Record::outlet`].
    Outlet,
    /// [`Record::lang`].
    Lang,
}

/// One output column: its name in every format, the field it shows, its
/// type and how a spreadsheet lays it out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// The CSV header cell, JSON key, sheet header and Spark field name.
    pub name: &'static str,
    /// The [`Record`] field it shows.
    pub field: Field,
    /// What its cells hold.
    pub ty: ColumnType,
    /// Spreadsheet column width, in characters.
    pub width: f64,
    /// Whether a spreadsheet wraps the cell's text (the long quote column).
    pub wrap: bool,
}

impl Column {
    /// The column called `name` in the header (`speaker`, `quote`, …), if
    /// there is one.
    pub fn named(name: &str) -> Option<Column> {
        COLUMNS.iter().find(|c| c.name == name).copied()
    }
}

const fn col(name: &'static str, field: Field, ty: ColumnType, width: f64) -> Column {
    Column { name, field, ty, width, wrap: false }
}

/// The output columns, in order: the one definition every format follows.
/// The first three are fixed; new columns are only ever added at the end.
pub const COLUMNS: &[Column] = &[
    col("speaker", Field::Speaker, ColumnType::Text, 22.0),
    Column { wrap: true, ..col("quote", Field::Quote, ColumnType::Text, 70.0) },
    col("date", Field::Date, ColumnType::Date, 12.0),
    col("kind", Field::Kind, ColumnType::Text, 9.0),
    col("cue", Field::Cue, ColumnType::Text, 12.0),
    col("speaker_mention", Field::SpeakerMention, ColumnType::Text, 24.0),
    col("source", Field::Source, ColumnType::Text, 30.0),
    col("start", Field::Start, ColumnType::Int, 8.0),
    col("end", Field::End, ColumnType::Int, 8.0),
    col("rule", Field::Rule, ColumnType::Text, 22.0),
    col("cue_class", Field::CueClass, ColumnType::Text, 11.0),
    col("said_on", Field::SaidOn, ColumnType::Date, 12.0),
    col("title", Field::Title, ColumnType::Text, 40.0),
    col("url", Field::Url, ColumnType::Text, 30.0),
    col("outlet", Field::Outlet, ColumnType::Text, 16.0),
    col("lang", Field::Lang, ColumnType::Text, 6.0),
];

/// The CSV header, in order: the names of [`COLUMNS`].
pub const HEADER: [&str; COLUMNS.len()] = {
    let mut names = [""; COLUMNS.len()];
    let mut i = 0;
    while i < COLUMNS.len() {
        names[i] = COLUMNS[i].name;
        i += 1;
    }
    names
};

/// One cell of a row: text (also dates) or an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// A text or date cell.
    Text(&'a str),
    /// An integer cell.
    Int(usize),
}

impl Record {
    /// The value of one field.
    #[inline]
    pub fn get(&self, field: Field) -> Value<'_> {
        match field {
            Field::Speaker => Value::Text(&self.speaker),
            Field::Quote => Value::Text(&self.quote),
            Field::Date => Value::Text(&self.date),
            Field::Kind => Value::Text(self.kind.as_str()),
            Field::Cue => Value::Text(&self.cue),
            Field::SpeakerMention => Value::Text(&self.speaker_mention),
            Field::Source => Value::Text(&self.source),
            Field::Start => Value::Int(self.start),
            Field::End => Value::Int(self.end),
            Field::Rule => Value::Text(&self.rule),
            Field::CueClass => Value::Text(&self.cue_class),
            Field::SaidOn => Value::Text(&self.said_on),
            Field::Title => Value::Text(&self.title),
            Field::Url => Value::Text(&self.url),
            Field::Outlet => Value::Text(&self.outlet),
            Field::Lang => Value::Text(&self.lang),
        }
    }

    /// The row as JSON would show it with `escape` applied to every text
    /// cell (as [`crate::RowWriter::escape_formulas`] does); serialising a `Record` itself escapes nothing.
    pub fn serialize_with<E>(&self, escape: E) -> impl Serialize + '_
    where
        E: Fn(&str) -> std::borrow::Cow<'_, str> + 'static,
    {
        Escaped { row: self, columns: COLUMNS, escape }
    }

    /// The row as JSON would show it with only `columns`, in their order,
    /// and `escape` applied to every text cell.
    pub fn serialize_columns<'a, E>(&'a self, columns: &'a [Column], escape: E) -> impl Serialize + 'a
    where
        E: Fn(&str) -> std::borrow::Cow<'_, str> + 'static,
    {
        Escaped { row: self, columns, escape }
    }
}

/// A record serialised with some columns and a function applied to its
/// text cells.
struct Escaped<'a, E> {
    row: &'a Record,
    columns: &'a [Column],
    escape: E,
}

impl<E: Fn(&str) -> std::borrow::Cow<'_, str>> Serialize for Escaped<'_, E> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Record", self.columns.len())?;
        for c in self.columns {
            match self.row.get(c.field) {
                Value::Text(v) => st.serialize_field(c.name, &*(self.escape)(v))?,
                Value::Int(n) => st.serialize_field(c.name, &n)?,
            }
        }
        st.end()
    }
}

/// The fields in [`COLUMNS`] order, with the column names as keys.
impl Serialize for Record {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Escaped { row: self, columns: COLUMNS, escape: unescaped }.serialize(s)
    }
}

fn unescaped(s: &str) -> std::borrow::Cow<'_, str> {
    std::borrow::Cow::Borrowed(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_one_column() {
        let fields: Vec<Field> = COLUMNS.iter().map(|c| c.field).collect();
        for (i, f) in fields.iter().enumerate() {
            assert!(!fields[..i].contains(f), "{f:?} has two columns");
        }
        assert_eq!(HEADER[..3], ["speaker", "quote", "date"], "the first three columns are fixed");
    }

    #[test]
    fn json_keys_follow_the_columns() {
        let r = Record {
            speaker: "Dmitry Peskov".into(),
            quote: "=1+1".into(),
            date: "2026-02-04".into(),
            kind: Kind::Direct,
            cue: "said".into(),
            speaker_mention: "Peskov".into(),
            source: "a.txt".into(),
            start: 3,
            end: 7,
            rule: "direct.cue/name".into(),
            cue_class: "say".into(),
            said_on: String::new(),
            title: "Talks".into(),
            url: "https://example.com/a".into(),
            outlet: "example.com".into(),
            lang: "en".into(),
        };
        let json = serde_json::to_string(&r).unwrap();
        let at: Vec<usize> = HEADER.iter().map(|h| json.find(&format!("\"{h}\":")).expect(h)).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "JSON keys out of column order: {json}");
        assert!(json.contains(r#""kind":"direct""#) && json.contains(r#""start":3,"end":7"#), "{json}");
        let escaped = serde_json::to_string(&r.serialize_with(|s: &str| format!("'{s}").into())).unwrap();
        assert!(escaped.contains(r#""quote":"'=1+1""#), "{escaped}");
    }

    /// The Spark job declares the schema of the JSON rows it reads; it must
    /// name the columns in this order, with `long` for integers.
    #[test]
    fn spark_schema_matches_the_columns() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/spark/quotelink_spark.py");
        let py = std::fs::read_to_string(path).unwrap();
        let fields: Vec<(String, String)> = py
            .lines()
            .filter_map(|l| {
                let rest = l.trim().strip_prefix("StructField(\"")?;
                let (name, rest) = rest.split_once('"')?;
                let ty = rest.trim_start_matches([',', ' ']).split('(').next()?;
                Some((name.to_string(), ty.to_string()))
            })
            .collect();
        let want: Vec<(String, String)> = COLUMNS
            .iter()
            .map(|c| {
                let ty = if c.ty == ColumnType::Int { "LongType" } else { "StringType" };
                (c.name.to_string(), ty.to_string())
            })
            .collect();
        assert_eq!(fields, want, "examples/spark/quotelink_spark.py SCHEMA differs from record::COLUMNS");
    }
}
