//! Which column of an article table, or which field of a JSON line, holds
//! an article's text, date, id, title, URL and outlet: common names found
//! by themselves (`text`, `content`, `body`, …), or names chosen with
//! options (`--text-field content`). One mapping serves CSV, TSV, XLSX and
//! JSON Lines.
//!
//! Names are compared without regard to case, and with ` `, `-` and `_`
//! counted as the same (`Publish Date` is `publish_date`).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

/// What a column or field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Text,
    Date,
    Id,
    Title,
    Url,
    Outlet,
}

pub(crate) const ROLES: [Role; 6] = [Role::Text, Role::Date, Role::Id, Role::Title, Role::Url, Role::Outlet];

impl Role {
    /// The option that names this role's column or field.
    pub(crate) fn option(self) -> &'static str {
        match self {
            Role::Text => "--text-field",
            Role::Date => "--date-field",
            Role::Id => "--id-field",
            Role::Title => "--title-field",
            Role::Url => "--url-field",
            Role::Outlet => "--outlet-field",
        }
    }

    /// The common names of this role's column, in order of preference.
    fn common_names(self) -> &'static [&'static str] {
        match self {
            Role::Text => {
                &["text", "content", "body", "article", "article_text", "full_text", "body_text", "maintext", "story"]
            }
            Role::Date => &[
                "date",
                "published",
                "publish_date",
                "published_date",
                "published_at",
                "publication_date",
                "date_published",
                "pub_date",
                "pubdate",
                "datetime",
            ],
            Role::Id => &["id", "doc_id", "document_id", "article_id", "guid", "uuid"],
            Role::Title => &["title", "headline", "heading"],
            Role::Url => &["url", "link", "canonical_url", "article_url", "source_url", "permalink", "uri"],
            Role::Outlet => &[
                "outlet",
                "publisher",
                "site_name",
                "source_name",
                "media_name",
                "publication",
                "newspaper",
                "site",
                "media",
                "source",
                "domain",
            ],
        }
    }
}

/// The column (table) or field (JSON Lines) names that hold each part of
/// an article. A name left `None` is found among the common names for it
/// (for the text: `text`, `content`, `body`, `article`, …); a name given
/// is the only one looked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldNames {
    /// The article's text.
    pub text: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// Its id (the `source` of its rows).
    pub id: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
}

impl FieldNames {
    fn chosen(&self, role: Role) -> Option<&str> {
        match role {
            Role::Text => self.text.as_deref(),
            Role::Date => self.date.as_deref(),
            Role::Id => self.id.as_deref(),
            Role::Title => self.title.as_deref(),
            Role::Url => self.url.as_deref(),
            Role::Outlet => self.outlet.as_deref(),
        }
    }

    /// The names looked for in `role`, for messages.
    pub(crate) fn looked_for(&self, role: Role) -> String {
        match self.chosen(role) {
            Some(n) => format!("`{n}`"),
            None => role.common_names().iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
        }
    }

    /// The role `name` plays, and its rank among the names of that role
    /// (0 is preferred), if any. Cheap: most names are turned down on their
    /// length or first letter.
    pub(crate) fn role_of(&self, name: &str) -> Option<(Role, usize)> {
        let name = name.trim();
        let first = name.bytes().next()?.to_ascii_lowercase();
        if *self == FieldNames::default() {
            // the common names that start with this letter (a JSON line's
            // keys are looked up here: a handful of comparisons each)
            let bucket = COMMON_BY_LETTER.get(usize::from(first.wrapping_sub(b'a')))?;
            return bucket.iter().find(|(n, ..)| n.len() == name.len() && same_name(name, n)).map(|&(_, r, k)| (r, k));
        }
        for role in ROLES {
            match self.chosen(role) {
                Some(n) => {
                    if same_name(name, n.trim()) {
                        return Some((role, 0));
                    }
                }
                None => {
                    for (rank, n) in role.common_names().iter().enumerate() {
                        if n.len() == name.len() && n.as_bytes()[0] == first && same_name(name, n) {
                            return Some((role, rank));
                        }
                    }
                }
            }
        }
        None
    }

    /// The name of rank `rank` looked for in `role` (for messages: the key
    /// as written differs at most in case and separators).
    pub(crate) fn name_at(&self, role: Role, rank: usize) -> &str {
        self.chosen(role).unwrap_or_else(|| role.common_names().get(rank).copied().unwrap_or(""))
    }

    /// For a table's header, the column of each role (`None`: no such
    /// column), by [`ROLES`] order.
    pub(crate) fn columns<'h>(&self, header: impl IntoIterator<Item = &'h str>) -> [Option<usize>; 6] {
        let mut best: [Option<(usize, usize)>; 6] = [None; 6];
        for (col, name) in header.into_iter().enumerate() {
            if let Some((role, rank)) = self.role_of(name) {
                let slot = &mut best[role as usize];
                if slot.is_none_or(|(_, r)| rank < r) {
                    *slot = Some((col, rank));
                }
            }
        }
        best.map(|b| b.map(|(col, _)| col))
    }
}

/// A common name with its role and its rank among the role's names.
type Named = (&'static str, Role, usize);

/// The common names by first letter (`a` to `z`).
static COMMON_BY_LETTER: std::sync::LazyLock<Vec<Vec<Named>>> = std::sync::LazyLock::new(|| {
    let mut by = vec![Vec::new(); 26];
    for role in ROLES {
        for (rank, n) in role.common_names().iter().enumerate() {
            by[usize::from(n.as_bytes()[0] - b'a')].push((*n, role, rank));
        }
    }
    by
});

/// Whether two column names (trimmed) are the same name: ASCII case
/// ignored, ` `, `-` and `_` the same.
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let fold = |c: u8| if c == b' ' || c == b'-' { b'_' } else { c.to_ascii_lowercase() };
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| fold(x) == fold(y))
}

/// The fields of one JSON line that play a role.
#[derive(Debug, Default)]
pub(crate) struct JsonFields<'a> {
    names: Option<&'a FieldNames>,
    /// By [`ROLES`] order: (value, rank of its key among the role's names).
    found: [Option<(serde_json::Value, usize)>; 6],
}

impl<'a> JsonFields<'a> {
    /// The value of `role`'s field, with the field's name (for messages).
    pub(crate) fn take(&mut self, role: Role) -> Option<(&'a str, serde_json::Value)> {
        let (value, rank) = self.found[role as usize].take()?;
        Some((self.names.map_or("", |n| n.name_at(role, rank)), value))
    }
}

/// Reads the fields of a JSON line that play a role under some names.
pub(crate) struct JsonSeed<'a>(pub(crate) &'a FieldNames);

impl<'de, 'a> DeserializeSeed<'de> for JsonSeed<'a> {
    type Value = JsonFields<'a>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<JsonFields<'a>, D::Error> {
        d.deserialize_map(FieldsVisitor(self.0))
    }
}

struct FieldsVisitor<'a>(&'a FieldNames);

impl<'de, 'a> Visitor<'de> for FieldsVisitor<'a> {
    type Value = JsonFields<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonFields<'a>, A::Error> {
        let mut out = JsonFields { names: Some(self.0), found: Default::default() };
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            match self.0.role_of(&key) {
                Some((role, rank)) if out.found[role as usize].as_ref().is_none_or(|(_, r)| rank < *r) => {
                    let value: serde_json::Value = map.next_value()?;
                    out.found[role as usize] = Some((value, rank));
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// A JSON object key, borrowed from the line when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_are_found_in_any_case_and_spelling() {
        let f = FieldNames::default();
        let header = ["ID", "Headline", "Publish Date", "Body", "Link", "Source"];
        let cols = f.columns(header);
        assert_eq!(cols, [Some(3), Some(2), Some(0), Some(1), Some(4), Some(5)]);
        // `text` is preferred to `content` whatever the order of the columns
        assert_eq!(f.columns(["content", "text"])[0], Some(1));
        assert_eq!(f.columns(["speaker", "quote"])[0], None);
    }

    #[test]
    fn a_chosen_name_is_the_only_one_looked_for() {
        let f = FieldNames { text: Some("Story Body".into()), ..Default::default() };
        assert_eq!(f.columns(["text", "story_body"])[0], Some(1));
        assert_eq!(f.looked_for(Role::Text), "`Story Body`");
    }

    #[test]
    fn json_fields_by_role() {
        let f = FieldNames::default();
        let line = r#"{"publisher":"breitbart","content":"b","quotes":[1,{"x":2}],"text":"a","date":"2015-11-11"}"#;
        let mut got = JsonSeed(&f).deserialize(&mut serde_json::Deserializer::from_str(line)).unwrap();
        assert_eq!(got.take(Role::Text).unwrap().1, "a");
        assert_eq!(got.take(Role::Outlet).unwrap(), ("publisher", "breitbart".into()));
        assert!(got.take(Role::Url).is_none());
    }
}
