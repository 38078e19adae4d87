//! The direct-quote sieves, as two ordered lists a contributor can add to.
//!
//! - [`UNIT_SIEVES`] run on each quote of a unit (a sentence, merged so no
//!   quote crosses it), in order; the first that finds a cue with a linked
//!   speaker wins: `post`, `post` across a split sentence, `pre`/`partial`
//!   (a cue before the quote), `partial` (a cue after it).
//! - [`DOCUMENT_SIEVES`] run once over the whole document after every unit
//!   is read, in order, each filling quotes still unlinked: `split`,
//!   `continued`, `carry`. Each is linear in the number of quotes.
//!
//! A new sieve is a function of the right type added to its list at the
//! place where it should be tried, and a [`Sieve`] variant for its id.

use std::collections::HashMap;

use super::{Attribution, Engine, Link, Linked, Unit};
use crate::lexicon::WordSet;
use crate::mentions::{EntityKind, TokKind, Token};
use crate::quotes::Quote;
use crate::rule::{Resolution, Sieve};
use crate::segment::Segments;

/// One quote of a unit, as the unit sieves see it.
pub(super) struct QuoteSite<'a> {
    pub text: &'a str,
    pub quotes: &'a [Quote],
    pub toks: &'a [Token<'a>],
    pub attrs: &'a [Attribution],
    /// The next unit of the same paragraph, with its attributions.
    pub next: Option<(&'a Unit<'a>, &'a [Attribution])>,
    /// The quote's token, and its index in `quotes`.
    pub k: usize,
    pub q: usize,
    /// Tokens of the previous quote in the unit (0 if none) and of the next
    /// one (the unit's length if none).
    pub prev_quote: usize,
    pub next_quote: usize,
}

/// A unit sieve: the cue (with a linked speaker) it links the quote to.
pub(super) type UnitSieve = for<'a> fn(&Engine, &QuoteSite<'a>) -> Option<(Sieve, &'a Attribution)>;

/// The unit sieves, most specific first.
pub(super) const UNIT_SIEVES: &[UnitSieve] = &[post, post_in_next_unit, cue_before, cue_after];

/// Whether `a` is the cue of a speaker that starts at token `j`
/// (`said Peskov` when inverted, `Peskov said` otherwise).
fn speaker_starts_at(a: &Attribution, j: usize) -> bool {
    if a.inverted { a.cue.start == j } else { a.np.is_some_and(|np| np.start == j) }
}

/// `post`: `"…," Peskov said` / `"…," said Peskov`.
fn post<'a>(_: &Engine, s: &QuoteSite<'a>) -> Option<(Sieve, &'a Attribution)> {
    let mut j = s.k + 1;
    while j < s.toks.len() && matches!(s.toks[j].kind, TokKind::Punct(',' | '—' | '–' | '-')) {
        j += 1;
    }
    let a = s.attrs.iter().find(|a| a.link.is_some() && a.cue.start < s.next_quote && speaker_starts_at(a, j))?;
    Some((Sieve::Post, a))
}

/// `post` across a split: `"…?" Maddow asked.` — a quote ending in ? ! …
/// or a dash does not end the sentence, though the segmenter may have
/// split there.
fn post_in_next_unit<'a>(_: &Engine, s: &QuoteSite<'a>) -> Option<(Sieve, &'a Attribution)> {
    let ends_unit = s.toks[s.k + 1..].iter().all(|t| matches!(t.kind, TokKind::Punct(_)));
    let quote = &s.quotes[s.q];
    let words = &s.text[quote.start..quote.end];
    let open_end = words.ends_with(['?', '!', '…', '—', '-', '–']);
    if !ends_unit || !(open_end || words.ends_with('.')) {
        return None;
    }
    let (next, next_attrs) = s.next?;
    let a = next_attrs.iter().find(|a| a.link.is_some() && speaker_starts_at(a, 0))?;
    // `"….” Trump said.`: a period inside the marks ends the sentence, so
    // the next is the quote's attribution only when it says nothing more:
    // `NAME said.`, `NAME told reporters on Tuesday.`, never `NAME said
    // the plan …`
    // (and a cue of the quote's own sentence leads into it: `X said, "…."`)
    if !open_end {
        let end = if a.inverted { a.np.map_or(a.cue.end, |np| np.end) } else { a.cue.end };
        let toks = &next.tokens;
        let tail_ok = toks.len() <= end + 8
            && !toks.iter().any(|t| t.quote().is_some())
            && toks.get(end).is_none_or(|t| {
                t.is_punct('.')
                    || t.is_word()
                        && !t.cap
                        && !t.is(WordSet::Infinitive)
                        && (t.folds_to(WordSet::Preposition)
                            || t.folds_to(WordSet::Addressee)
                            || t.folds_to(WordSet::Adverb))
            });
        let own_cue = s.attrs.iter().any(|b| b.link.is_some() && b.cue.end <= s.k);
        if !tail_ok || own_cue {
            return None;
        }
    }
    Some((Sieve::Post, a))
}

/// `pre` / `partial`: the last cue between the previous quote and this one
/// (`Peskov said: "…"`; `Peskov said talks began, with "work ahead"`).
fn cue_before<'a>(engine: &Engine, s: &QuoteSite<'a>) -> Option<(Sieve, &'a Attribution)> {
    let k = s.k;
    // A speech cue wins over a verb of stance or intent nearer the quote:
    // in `… but noted Russia continues its "operation"` the words are what
    // was noted, not what Russia continues.
    let before = |a: &&Attribution| {
        a.cue.end <= k && a.cue.start >= s.prev_quote && a.link.is_some() && a.np.is_none_or(|np| np.end <= k)
    };
    let a = s
        .attrs
        .iter()
        .rev()
        .filter(before)
        .find(|a| !engine.is_weak_cue(a))
        .or_else(|| s.attrs.iter().rev().find(before))?;
    // A cue of people described, not named, inside what a named speaker
    // said: the quote is the named speaker's (`NAME said her peers
    // referred to themselves as "…"`, `NAME said the front-runner had
    // called him "…"`).
    // (or a pronoun that found no one: `… disparaged women who complained …`)
    let group = |a: &Attribution| a.link.as_ref().is_some_and(|l| l.how == Resolution::Group || l.entity.is_none());
    let named = |b: &Attribution| {
        b.link.as_ref().is_some_and(|l| l.entity.as_ref().is_some_and(|e| e.kind != EntityKind::Group))
    };
    let a = if group(a) {
        let inner = a.np.map_or(a.cue.start, |np| np.start.min(a.cue.start));
        s.attrs
            .iter()
            .rev()
            .filter(before)
            .find(|b| b.cue.end <= inner && named(b) && !engine.is_weak_cue(b))
            .unwrap_or(a)
    } else {
        a
    };
    // `Pollsters agree - NAME: "…"`: a name set off by a dash right
    // before the colon that opens the quote is whose words they are, not
    // the cue's subject before the dash
    if k >= 3
        && s.toks[k - 1].is_punct(':')
        && super::dash_name_before_colon(s.toks, k - 1).is_some_and(|np| np.start > a.cue.end)
    {
        return None;
    }
    let gap = k - a.cue.end;
    let lead_in = k > 0 && matches!(s.toks[k - 1].kind, TokKind::Punct(':' | ',')) && gap <= 8;
    Some((if lead_in || gap == 0 { Sieve::Pre } else { Sieve::Partial }, a))
}

/// `partial`, cue after: `Clinton "drew well" in 2008, said Paul Beck.`
fn cue_after<'a>(_: &Engine, s: &QuoteSite<'a>) -> Option<(Sieve, &'a Attribution)> {
    let a = s.attrs.iter().find(|a| a.cue.start > s.k && a.cue.start < s.next_quote && a.link.is_some())?;
    Some((Sieve::Partial, a))
}

/// The whole document, as the document sieves see it.
pub(super) struct DocSite<'a> {
    pub text: &'a str,
    pub quotes: &'a [Quote],
    pub seg: &'a Segments,
    /// Per quote: its unit, and whether a cue-less colon leads into it.
    pub quote_unit: &'a [usize],
    pub colon_lead: &'a [bool],
    /// Per quote: quoted words that name something, which no sieve links.
    pub not_speech: &'a [bool],
    /// Per paragraph: the speaker a dash signature opening it names.
    pub signatures: &'a [Option<Link>],
    /// Per quote: its link so far.
    pub links: &'a mut [Option<Linked>],
    /// Per paragraph: its last linked speaker (for `carry`).
    pub para_last: &'a mut [Option<Link>],
}

/// A document sieve: fills some of `links`.
pub(super) type DocumentSieve = fn(&mut DocSite<'_>);

/// The document sieves, in the order they run.
pub(super) const DOCUMENT_SIEVES: &[DocumentSieve] = &[signature, split, continued, carry];

/// `post` over a line break: a quote that ends its paragraph takes the
/// speaker of a dash signature opening the next one (`"…"` then
/// `— NAME, TITLE`), as press releases and pull quotes sign them.
fn signature(d: &mut DocSite<'_>) {
    for (i, q) in d.quotes.iter().enumerate() {
        if d.links[i].is_some() || d.not_speech[i] {
            continue;
        }
        let Some(Some(l)) = d.signatures.get(q.para + 1) else { continue };
        let para = &d.seg.paragraphs[q.para];
        let rest = d.quotes.get(i + 1).is_some_and(|n| n.para == q.para);
        if !rest && q.close_end <= para.end {
            d.links[i] = Some((Sieve::Post, l.clone()));
        }
    }
}

/// For each quote, the nearest linked quote `j` with `same(i, j)`: the
/// previous one, else the next one.
fn nearest_linked(linked: &[bool], same: &dyn Fn(usize, usize) -> bool) -> Vec<Option<usize>> {
    let n = linked.len();
    let mut prev: Vec<Option<usize>> = vec![None; n];
    let mut last = None;
    for i in 0..n {
        prev[i] = last.filter(|&j| same(i, j));
        if linked[i] {
            last = Some(i);
        }
    }
    let mut next: Vec<Option<usize>> = vec![None; n];
    let mut last = None;
    for i in (0..n).rev() {
        next[i] = last.filter(|&j| same(i, j));
        if linked[i] {
            last = Some(i);
        }
    }
    prev.into_iter().zip(next).map(|(p, n)| p.or(n)).collect()
}

/// `split`: the speaker of the nearest linked quote of the same sentence,
/// else of the same paragraph; an earlier one before a later one
/// (`"…," he said. "…"`).
fn split(d: &mut DocSite<'_>) {
    let linked: Vec<bool> = d.links.iter().map(Option::is_some).collect();
    let (quotes, quote_unit) = (d.quotes, d.quote_unit);
    let by_unit = nearest_linked(&linked, &|i, j| quote_unit[i] == quote_unit[j]);
    let by_para = nearest_linked(&linked, &|i, j| quotes[i].para == quotes[j].para);
    let snapshot: Vec<Option<Linked>> = d.links.to_vec();
    for i in 0..quotes.len() {
        if d.links[i].is_none()
            && !d.not_speech[i]
            && let Some(j) = by_unit[i].or(by_para[i])
        {
            d.links[i] = snapshot[j].clone().map(|(_, l)| (Sieve::Split, l));
        }
    }
}

/// `continued`: pieces of one quotation over several paragraphs share the
/// speaker of its first linked piece.
fn continued(d: &mut DocSite<'_>) {
    let mut chain_link: HashMap<usize, Link> = HashMap::new();
    for (q, l) in d.quotes.iter().zip(d.links.iter()) {
        if let Some((_, l)) = l {
            chain_link.entry(q.chain).or_insert_with(|| l.clone());
        }
    }
    for ((q, l), &ns) in d.quotes.iter().zip(d.links.iter_mut()).zip(d.not_speech) {
        if l.is_none()
            && !ns
            && let Some(c) = chain_link.get(&q.chain)
        {
            *l = Some((Sieve::Continued, c.clone()));
        }
    }
}

/// `carry`: a paragraph that is a quote (or a quote after a cue-less
/// lead-in ending in a colon) takes the speaker of the paragraph before.
fn carry(d: &mut DocSite<'_>) {
    let (quotes, seg) = (d.quotes, d.seg);
    let mut chain_head: HashMap<usize, usize> = HashMap::new();
    for (i, q) in quotes.iter().enumerate() {
        chain_head.entry(q.chain).or_insert(i);
    }
    let mut carried: HashMap<usize, Link> = HashMap::new();
    for i in 0..quotes.len() {
        let q = &quotes[i];
        if d.links[i].is_none() && !d.not_speech[i] {
            if let Some(l) = carried.get(&q.chain) {
                d.links[i] = Some((Sieve::Carry, l.clone()));
            } else {
                // (not a quote with its own attribution after a comma that
                // no cue of the lexicons read: `«…», a déclaré le ministre`)
                let para_end = seg.paragraphs[q.para].end;
                let own_attribution = q.closed && {
                    let after = d.text.get(q.close_end..para_end).unwrap_or("").trim_start();
                    let comma = d.text.get(q.start..q.end).unwrap_or("").trim_end().ends_with(',')
                        || after.starts_with([',', '—', '–']);
                    comma && after.trim_start_matches([',', '—', '–', ' ']).starts_with(char::is_alphabetic)
                };
                let quote_para = (q.open == seg.paragraphs[q.para].start || d.colon_lead[i]) && !own_attribution;
                let head = &quotes[chain_head[&q.chain]];
                if quote_para
                    && head.open == seg.paragraphs[head.para].start
                    && head.para > 0
                    && let Some(l) = d.para_last[head.para - 1].clone()
                {
                    let l = Link { cue: "".into(), cue_class: None, ..l };
                    carried.insert(q.chain, l.clone());
                    d.links[i] = Some((Sieve::Carry, l));
                }
            }
        }
        if let Some((_, l)) = &d.links[i]
            && l.entity.is_some()
        {
            d.para_last[q.para] = Some(l.clone());
        }
    }
}
