//! Rule ids: which sieve or claim pattern produced a row, and how its
//! speaker was resolved. Each prints as the stable id in the `rule` column,
//! `KIND.METHOD/RESOLUTION` (`direct.post/alias`, `indirect.that/pronoun`,
//! `direct.none` for a quote kept with no speaker).

use std::fmt;

use crate::record::Kind;

/// How a direct quotation was linked to its speaker (the sieves, in the
/// order they are tried; see the attribution module's overview).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Sieve {
    /// The speaker and cue follow the quote: `"…," Peskov said`.
    Post,
    /// They lead into it: `Peskov said: "…"`.
    Pre,
    /// A quote inside a sentence with a cue: `Peskov said talks began, with "work ahead"`.
    Partial,
    /// Another piece of the same quotation in the sentence or paragraph has a speaker.
    Split,
    /// A quotation running over several paragraphs keeps its speaker.
    Continued,
    /// A quote paragraph with no cue takes the speaker of the paragraph before.
    Carry,
    /// No sieve linked it (kept only with `keep_unattributed`).
    None,
}

/// How a reported claim was found (`indirect` and `mixed` rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Pattern {
    /// `X said/confirmed … that CLAUSE`.
    That,
    /// A bare clause after a speech verb: `Peskov said the talks were postponed`.
    Clause,
    /// The object of a cue with no clause: `rejected Moscow's proposal`.
    Object,
    /// `CLAUSE, the Kremlin said.`
    Trailing,
    /// `CLAUSE, he said, REST`: the row spans the whole sentence.
    Parenthetical,
    /// `According to X, CLAUSE` and `CLAUSE, according to X`.
    According,
    /// `As X noted, CLAUSE` and `CLAUSE, as X noted(, REST)`.
    As,
    /// A speaker label: `JOEL BENENSON: This is a man who …`.
    Colon,
    /// The sentence before a report of it: `CLAUSE. Об этом заявил X.`
    Anaphor,
}

/// How the speaker phrase was resolved to a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Resolution {
    /// A gazetteer name or spelling variant.
    Alias,
    /// A short form expanded to the full name seen earlier.
    Short,
    /// A name the gazetteer does not know (open world).
    Name,
    /// `he`/`she` resolved to the person the text is about.
    Pronoun,
    /// A gazetteer role held on the article's date.
    Role,
    /// A description given earlier in the document.
    Descriptor,
    /// `NAME, who …, said`.
    Relative,
    /// A participle (`…, adding …`) takes the speaker of its clause.
    Participle,
    /// A cue with no subject of its own takes the sentence subject.
    Subject,
    /// Several speakers, or an unnamed source as written.
    Group,
}

/// What made a row: its kind, the sieve or pattern, and the resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Rule {
    /// The row's kind.
    pub kind: Kind,
    /// The sieve (direct rows) or pattern (claims).
    pub method: Method,
    /// How the speaker was resolved; `None` for a quote with no speaker.
    pub resolution: Option<Resolution>,
}

/// A sieve or a claim pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Method {
    /// A direct-quote sieve.
    Sieve(Sieve),
    /// A claim pattern.
    Pattern(Pattern),
}

impl Sieve {
    /// The id as it appears in the `rule` column.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Sieve::Post => "post",
            Sieve::Pre => "pre",
            Sieve::Partial => "partial",
            Sieve::Split => "split",
            Sieve::Continued => "continued",
            Sieve::Carry => "carry",
            Sieve::None => "none",
        }
    }
}

impl Pattern {
    /// The id as it appears in the `rule` column.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Pattern::That => "that",
            Pattern::Clause => "clause",
            Pattern::Object => "object",
            Pattern::Trailing => "trailing",
            Pattern::Parenthetical => "parenthetical",
            Pattern::According => "according",
            Pattern::As => "as",
            Pattern::Colon => "colon",
            Pattern::Anaphor => "anaphor",
        }
    }
}

impl Resolution {
    /// The id as it appears in the `rule` column.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Resolution::Alias => "alias",
            Resolution::Short => "short",
            Resolution::Name => "name",
            Resolution::Pronoun => "pronoun",
            Resolution::Role => "role",
            Resolution::Descriptor => "descriptor",
            Resolution::Relative => "relative",
            Resolution::Participle => "participle",
            Resolution::Subject => "subject",
            Resolution::Group => "group",
        }
    }
}

impl Method {
    /// The id as it appears in the `rule` column.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Sieve(s) => s.as_str(),
            Method::Pattern(p) => p.as_str(),
        }
    }
}

impl Rule {
    /// Write the id (`direct.post/alias`) into `out` without the formatting
    /// machinery (one rule per row).
    pub(crate) fn write_to(&self, out: &mut String) {
        out.push_str(self.kind.as_str());
        out.push('.');
        out.push_str(self.method.as_str());
        if let Some(r) = self.resolution {
            out.push('/');
            out.push_str(r.as_str());
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::with_capacity(32);
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_print_as_the_documented_ids() {
        let r = Rule { kind: Kind::Direct, method: Method::Sieve(Sieve::Post), resolution: Some(Resolution::Alias) };
        assert_eq!(r.to_string(), "direct.post/alias");
        let r =
            Rule { kind: Kind::Mixed, method: Method::Pattern(Pattern::That), resolution: Some(Resolution::Pronoun) };
        assert_eq!(r.to_string(), "mixed.that/pronoun");
        let r = Rule { kind: Kind::Direct, method: Method::Sieve(Sieve::None), resolution: None };
        assert_eq!(r.to_string(), "direct.none");
    }
}
