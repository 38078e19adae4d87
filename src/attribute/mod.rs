//! Attribution: link each quote (and, in `claims`, each reported clause) to
//! its speaker.
//!
//! The document is read in *units*: sentences, merged where a quote runs
//! across a sentence boundary, so that `"A. B," Peskov said.` is one unit.
//! Each unit becomes tokens in which every quote is a single token. Then:
//!
//! 1. **Cues** (`cues.tsv`) are found among the words outside quotes, and
//!    each cue gets its speaker phrase: the subject to its left
//!    (`the Kremlin spokesperson Dmitry Peskov told`, with apposition
//!    `Rustem Umerov, Ukraine's chief negotiator, said`), or the phrase to its
//!    right when inverted (`," said Peskov`, `according to Peskov`). The
//!    phrase is resolved to a speaker (see [`resolve`]).
//! 2. **Sieves** link quotes to cues, most specific first; the sieve's id
//!    goes in the `rule` column:
//!    - `post`: the speaker and cue follow the quote (`"…," Peskov said`).
//!    - `pre`: they precede it and lead into it (`Peskov said: "…"`).
//!    - `partial`: a quote inside a sentence with a cue before it
//!      (`Peskov said talks began, with "work ahead"`).
//!    - `split`: another piece of the same quotation in the same sentence or
//!      paragraph has a speaker (`"…," he said. "…"`).
//!    - `continued`: a quotation over several paragraphs shares its speaker.
//!    - `carry`: a paragraph that is a quote, with no cue of its own, belongs
//!      to the speaker of the paragraph before it.
//!
//! Quotes that no sieve links (titles, scare quotes) are dropped unless
//! `keep_unattributed` is set, when they are kept with an empty speaker and
//! the rule `direct.none`.

use std::collections::HashMap;
use std::rc::Rc;

mod claims;
mod resolve;
mod when;

use crate::input::Document;
use crate::lexicon::{Gender, Lexicons, WordClass};
use crate::mentions::{Entity, EntityKind, Gazetteer, TokKind, Token, fold, is_capitalised, tokenize, word_class};
use crate::quotes::{Quote, find_quote_spans};
use crate::record::{Kind, Record};
use crate::segment::{Segments, segment_from};

use resolve::Resolver;

/// Options that change what is emitted, not how it is found.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep quotes nobody is linked to, with an empty speaker.
    pub keep_unattributed: bool,
}

/// The engine: lexicons and matchers, built once, shared by all documents.
#[derive(Debug, Clone)]
pub struct Engine {
    pub lex: Lexicons,
    pub gaz: Gazetteer,
    pub opts: Options,
}

/// A speaker linked to a cue or a quote.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// None when the mention could not be resolved (a pronoun with no antecedent).
    pub entity: Option<Entity>,
    // Shared strings: a link is copied to every quote and claim it covers.
    pub mention: Rc<str>,
    pub cue: Rc<str>,
    /// The cue's class from `cues.tsv` (say, deny, confirm, …).
    pub cue_class: Rc<str>,
    /// The day the statement was made, when the text says (ISO).
    pub said_on: Option<Rc<str>>,
    pub sieve: &'static str,
    pub how: &'static str,
}

/// A cue with its speaker, inside one unit's tokens.
#[derive(Debug, Clone)]
pub(crate) struct Attribution {
    /// Token range of the cue words.
    pub cue: (usize, usize),
    /// Index into `Lexicons::cues` (`usize::MAX` for a headline colon).
    pub cue_id: usize,
    /// Token range of the speaker phrase, if one was found.
    pub np: Option<(usize, usize)>,
    /// The speaker phrase follows the cue (`said Peskov`, `according to X`).
    pub inverted: bool,
    pub link: Option<Link>,
}

/// A unit of attribution: sentences merged so no quote crosses a boundary.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub para: usize,
    pub tokens: Vec<Token>,
}

impl Engine {
    pub fn new(lex: Lexicons, opts: Options) -> Engine {
        let gaz = Gazetteer::new(&lex);
        Engine { lex, gaz, opts }
    }

    /// Extract the rows of one document, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<Record> {
        let text = doc.text.as_str();
        let seg = segment_from(text, crate::input::header_len(text), &self.lex);
        let quotes = find_quote_spans(text, &seg);
        let mut res = Resolver::new(self, text, doc.date.as_deref());
        let mut links: Vec<Option<Link>> = vec![None; quotes.len()];
        // The last speaker linked in each paragraph, for `carry`.
        let mut para_last: Vec<Option<Link>> = vec![None; seg.paragraphs.len()];
        // Per quote: its unit, and whether a cue-less colon leads into it.
        let mut quote_unit = vec![usize::MAX; quotes.len()];
        let mut colon_lead = vec![false; quotes.len()];
        let mut claims = Vec::new();

        // Units are read in order, with one unit of look-ahead (a quote
        // ending in "?" may take the attribution that opens the next one).
        let mut units = Units::new(text, &seg, &quotes, &self.lex);
        let read = |unit: Unit, res: &mut Resolver| {
            res.note_subject(&unit);
            let attrs = self.find_attributions(&unit, res);
            (unit, attrs)
        };
        let mut cur = units.next().map(|u| read(u, &mut res));
        let mut u = 0;
        while let Some((unit, attrs)) = cur.take() {
            let next = units.next().map(|n| read(n, &mut res));
            let look = next.as_ref().filter(|(n, _)| n.para == unit.para).map(|(n, a)| (n, &a[..]));
            self.link_quotes(text, &quotes, &unit, &attrs, look, &mut links);
            for (k, t) in unit.tokens.iter().enumerate() {
                if let Some(q) = t.quote() {
                    quote_unit[q] = u;
                    colon_lead[q] = k > 0 && unit.tokens[k - 1].is_punct(':');
                }
            }
            // The paragraph's speaker for `carry`: its last named speaker,
            // else its last speaker of any kind.
            let linked = || attrs.iter().rev().filter_map(|a| a.link.as_ref()).filter(|l| l.entity.is_some());
            if let Some(l) = linked()
                .find(|l| l.entity.as_ref().is_some_and(|e| e.kind != EntityKind::Group))
                .or_else(|| linked().next())
            {
                para_last[unit.para] = Some(l.clone());
            }
            // a unit with no cue reports no claim (most sentences of news)
            for c in if attrs.is_empty() { Vec::new() } else { self.find_claims(text, &unit, &attrs) } {
                let kind = if c.mixed { Kind::Mixed } else { Kind::Indirect };
                claims.push(self.row(doc, c.start, c.end, kind, attrs[c.attr].link.as_ref(), c.pattern));
            }
            cur = next;
            u += 1;
        }
        self.fill_unlinked(&quotes, &seg, &quote_unit, &colon_lead, &mut links, &mut para_last);

        let mut rows = Vec::new();
        for (q, link) in quotes.iter().zip(&links) {
            match link {
                Some(l) => rows.push(self.row(doc, q.start, q.end, Kind::Direct, Some(l), l.sieve)),
                None if self.opts.keep_unattributed => {
                    rows.push(self.row(doc, q.start, q.end, Kind::Direct, None, "none"))
                }
                None => {}
            }
        }
        rows.append(&mut claims);
        // text order; a direct quote before the claim that contains it
        rows.sort_by_key(|a| (a.start, a.kind, a.end));
        rows
    }

    fn row(&self, doc: &Document, start: usize, end: usize, kind: Kind, link: Option<&Link>, sieve: &str) -> Record {
        // KIND.SIEVE/RESOLUTION, built without the formatting machinery
        // (one row per quote and claim)
        let mut rule = String::with_capacity(32);
        rule.push_str(kind.as_str());
        rule.push('.');
        rule.push_str(sieve);
        if let Some(l) = link {
            rule.push('/');
            rule.push_str(l.how);
        }
        Record {
            speaker: link.and_then(|l| l.entity.as_ref()).map(|e| e.name.to_string()).unwrap_or_default(),
            quote: doc.text[start..end].to_string(),
            date: doc.date.clone().unwrap_or_default(),
            kind,
            cue: link.map(|l| l.cue.to_string()).unwrap_or_default(),
            speaker_mention: link.map(|l| l.mention.to_string()).unwrap_or_default(),
            source: doc.source.clone(),
            start,
            end,
            rule,
            cue_class: link.map(|l| l.cue_class.to_string()).unwrap_or_default(),
            said_on: link.and_then(|l| l.said_on.as_deref()).unwrap_or_default().to_string(),
        }
    }

    /// Step 1: cues and their speakers in one unit.
    fn find_attributions(&self, unit: &Unit, res: &mut Resolver) -> Vec<Attribution> {
        let toks = &unit.tokens;
        let text = res.text;
        let mut attrs: Vec<Attribution> = Vec::new();
        // Most sentences hold no cue and open with no speaker label: find
        // that cheaply, before any per-unit work.
        let first_cue = toks.iter().position(|t| t.is_word() && self.may_start_cue(&text[t.start..t.end]));
        let colon = (1..=5).find(|&n| toks.get(n).is_some_and(|t| t.is_punct(':')));
        if first_cue.is_none() && colon.is_none() {
            return attrs;
        }
        // `Kasich: 'We are going all the way'` — a name and a colon open
        // the unit (headlines, tweets, transcripts).
        if let Some(n) = colon {
            let names = (0..n).all(|k| {
                toks[k].is_word() && {
                    let w = &text[toks[k].start..toks[k].end];
                    is_capitalised(w) && word_class(w, &self.lex) != Some(WordClass::NonName)
                }
            });
            // Without a quote, only a clear speaker label: two or more
            // names, or capitals ("JOEL BENENSON: This is a man who …").
            let label = n >= 2 || text[toks[0].start..toks[n - 1].end].chars().all(|c| !c.is_lowercase());
            let has_more = toks.len() > n + 1;
            if names && has_more && (label || toks[n + 1..].iter().any(|t| t.quote().is_some())) {
                let np = (0, n);
                if let Some((entity, how)) = res.resolve_np(toks, np, toks[0].start) {
                    attrs.push(Attribution {
                        cue: (n, n + 1),
                        cue_id: usize::MAX,
                        np: Some(np),
                        inverted: false,
                        link: Some(Link {
                            entity,
                            mention: res.phrase(toks, np).into(),
                            cue: ":".into(),
                            cue_class: "say".into(),
                            said_on: None,
                            sieve: "",
                            how,
                        }),
                    });
                }
            }
        }
        // A headline in title case ("Christie Says He Would Issue A
        // Quarantine"): capitalised cues count.
        let (words, caps) = toks
            .iter()
            .filter(|t| t.is_word())
            .fold((0, 0), |(n, c), t| (n + 1, c + is_capitalised(&text[t.start..t.end]) as usize));
        let title_case = words >= 4 && caps * 10 >= words * 8;
        let mut i = first_cue.unwrap_or(toks.len());
        while i < toks.len() {
            let Some((end, cue_id)) = self.cue_at(text, toks, i, title_case) else {
                i += 1;
                continue;
            };
            let form = fold(&text[toks[i].start..toks[end - 1].end]);
            let according = self.lex.cues[cue_id].class == "according";
            let mut attr = Attribution { cue: (i, end), cue_id, np: None, inverted: false, link: None };
            if according {
                attr.np = np_right(text, toks, end, &self.lex);
                attr.inverted = true;
            } else {
                attr.np = np_left(text, toks, i, &self.lex);
                if attr.np.is_none() && inversion_allowed(toks, i) {
                    attr.np = np_right(text, toks, end, &self.lex);
                    attr.inverted = attr.np.is_some();
                } else if attr.np.is_none()
                    && i > 0
                    && toks[i - 1].is_punct(',')
                    && self.lex.cues[cue_id].class == "say"
                {
                    // `…, said Rita Katz, the director of …`: a named speaker
                    // after a comma closes the sentence
                    let np = np_right(text, toks, end, &self.lex);
                    if np.is_some_and(|(s, _)| is_capitalised(&text[toks[s].start..toks[s].end])) {
                        attr.np = np;
                        attr.inverted = true;
                    }
                }
            }
            // A base form ("say", "state", "report") is a cue only with a
            // subject that takes it: "they say", "officials say", "did say".
            if end == i + 1 && *form == *self.lex.cues[cue_id].lemma && !base_form_subject(text, toks, attr.np, i) {
                attr.np = None;
                attr.inverted = false;
            }
            let cue_text: Rc<str> = text[toks[i].start..toks[end - 1].end].into();
            let cue_class: Rc<str> = self.lex.cues[cue_id].class.as_str().into();
            let speaker_start = attr.np.filter(|np| np.0 < i).map_or(i, |np| np.0);
            let said_on: Option<Rc<str>> =
                when::said_on(&self.lex, text, toks, speaker_start, end, res.date(), res.last_said_on.as_deref())
                    .map(Rc::from);
            if said_on.is_some() {
                res.last_said_on.clone_from(&said_on);
            }
            if let Some(np) = attr.np {
                attr.link = res.resolve_np(toks, np, toks[i].start).map(|(entity, how)| Link {
                    entity,
                    mention: res.phrase(toks, np).into(),
                    cue: cue_text.clone(),
                    cue_class: cue_class.clone(),
                    said_on: said_on.clone(),
                    sieve: "",
                    how,
                });
            } else if form.ends_with("ing") || follows_and(text, toks, i, &self.lex) {
                // `…, adding that …` and `She greeted them and told them …`:
                // the cue takes the speaker of the clause it hangs on, else
                // the subject of the sentence.
                if let Some(prev) = attrs.iter().rev().find_map(|a| a.link.clone()) {
                    attr.link = Some(Link {
                        cue: cue_text.clone(),
                        cue_class: cue_class.clone(),
                        said_on: said_on.clone().or(prev.said_on.clone()),
                        how: "participle",
                        ..prev
                    });
                } else if let Some((subject, mention)) = res.unit_subject.clone() {
                    attr.link = Some(Link {
                        entity: Some(subject),
                        mention,
                        cue: cue_text.clone(),
                        cue_class: cue_class.clone(),
                        said_on: said_on.clone(),
                        sieve: "",
                        how: "subject",
                    });
                }
            }
            if let Some(Link { entity: Some(e), .. }) = &attr.link {
                res.note_speaker(e.clone(), toks[i].start);
            }
            attrs.push(attr);
            i = end;
        }
        attrs
    }

    /// Cues of stance and intent ("continues", "wants", "supports") link a
    /// quote only when no speech cue does.
    fn is_weak_cue(&self, a: &Attribution) -> bool {
        a.cue_id != usize::MAX
            && matches!(self.lex.cues[a.cue_id].class.as_str(), "continue" | "want" | "support" | "oppose")
    }

    /// Whether a cue may start with `w` (in any case): the test of
    /// [`Engine::cue_at`] without its context.
    fn may_start_cue(&self, w: &str) -> bool {
        if !self.lex.may_be_cue(w) {
            return false;
        }
        let lw = fold(w);
        self.lex.cue_forms.contains_key(&*lw) || self.lex.cue_first_words.contains(&*lw)
    }

    /// A cue starting at token `i`: (end token, cue index).
    fn cue_at(&self, text: &str, toks: &[Token], i: usize, title_case: bool) -> Option<(usize, usize)> {
        let t = toks[i];
        if !t.is_word() {
            return None;
        }
        let w = &text[t.start..t.end];
        if is_capitalised(w) && i > 0 && !title_case {
            return None; // "Said" mid-sentence is a name, except in a headline
        }
        if !self.lex.may_be_cue(w) {
            return None; // most words: no cue starts with this letter at this length
        }
        let lw = fold(w);
        if let Some(n) = toks.get(i + 1).filter(|n| n.is_word() && self.lex.cue_first_words.contains(&*lw)) {
            let mut buf = [0u8; 64];
            let two = join_words(&lw, &fold(&text[n.start..n.end]), &mut buf);
            if let Some(&c) = self.lex.cue_forms.get(&*two) {
                return Some((i + 2, c));
            }
        }
        let &c = self.lex.cue_forms.get(&*lw)?;
        // `the said agreement`: a determiner before it makes it an adjective.
        if i > 0 && toks[i - 1].is_word() {
            let p = &text[toks[i - 1].start..toks[i - 1].end];
            if self.lex.word_class(&fold(p)) == Some(WordClass::Det) {
                return None;
            }
        }
        // `told to leave`: an order, not a report.
        if matches!(lw.as_ref(), "told" | "asked")
            && toks.get(i + 1).is_some_and(|n| n.is_word() && &text[n.start..n.end] == "to")
        {
            return None;
        }
        Some((i + 1, c))
    }

    /// Step 2: the `post`, `pre` and `partial` sieves.
    fn link_quotes(
        &self,
        text: &str,
        quotes: &[Quote],
        unit: &Unit,
        attrs: &[Attribution],
        next: Option<(&Unit, &[Attribution])>,
        links: &mut [Option<Link>],
    ) {
        let toks = &unit.tokens;
        let quote_toks: Vec<(usize, usize)> =
            toks.iter().enumerate().filter_map(|(k, t)| t.quote().map(|q| (k, q))).collect();
        for (n, &(k, q)) in quote_toks.iter().enumerate() {
            // post: `"…," Peskov said` / `"…," said Peskov`
            let mut j = k + 1;
            while j < toks.len() && matches!(toks[j].kind, TokKind::Punct(',' | '—' | '–' | '-')) {
                j += 1;
            }
            let next_quote = quote_toks.get(n + 1).map_or(toks.len(), |x| x.0);
            let post = attrs.iter().find(|a| {
                a.link.is_some()
                    && a.cue.0 < next_quote
                    && if a.inverted { a.cue.0 == j } else { a.np.is_some_and(|np| np.0 == j) }
            });
            if let Some(a) = post {
                links[q] = a.link.clone().map(|l| Link { sieve: "post", ..l });
                continue;
            }
            // `"…?" Maddow asked.`: a quote ending in ? ! … or a dash does
            // not end the sentence, though the segmenter may have split there.
            let ends_unit = toks[k + 1..].iter().all(|t| matches!(t.kind, TokKind::Punct(_)));
            let open_end = text[quotes[q].start..quotes[q].end].ends_with(['?', '!', '…', '—', '-', '–']);
            if ends_unit
                && open_end
                && let Some((_, next_attrs)) = next
            {
                let post = next_attrs.iter().find(|a| {
                    a.link.is_some() && if a.inverted { a.cue.0 == 0 } else { a.np.is_some_and(|np| np.0 == 0) }
                });
                if let Some(a) = post {
                    links[q] = a.link.clone().map(|l| Link { sieve: "post", ..l });
                    continue;
                }
            }
            // pre / partial: the last cue between the previous quote and this one
            let prev_quote = if n > 0 { quote_toks[n - 1].0 } else { 0 };
            // A speech cue wins over a verb of stance or intent nearer the
            // quote: in `… but noted Russia continues its "operation"` the
            // words are what was noted, not what Russia continues.
            let before = |a: &&Attribution| {
                a.cue.1 <= k && a.cue.0 >= prev_quote && a.link.is_some() && a.np.is_none_or(|np| np.1 <= k)
            };
            let pre = attrs
                .iter()
                .rev()
                .filter(before)
                .find(|a| !self.is_weak_cue(a))
                .or_else(|| attrs.iter().rev().find(before));
            if let Some(a) = pre {
                let gap = k - a.cue.1;
                let lead_in = k > 0 && matches!(toks[k - 1].kind, TokKind::Punct(':' | ',')) && gap <= 8;
                let sieve = if lead_in || gap == 0 { "pre" } else { "partial" };
                links[q] = a.link.clone().map(|l| Link { sieve, ..l });
                continue;
            }
            // partial, cue after: `Clinton "drew well" in 2008, said Paul Beck.`
            let after = attrs.iter().find(|a| a.cue.0 > k && a.cue.0 < next_quote && a.link.is_some());
            if let Some(a) = after {
                links[q] = a.link.clone().map(|l| Link { sieve: "partial", ..l });
            }
        }
    }

    /// Step 3: the `split`, `continued` and `carry` sieves, in text order.
    fn fill_unlinked(
        &self,
        quotes: &[Quote],
        seg: &Segments,
        quote_unit: &[usize],
        colon_lead: &[bool],
        links: &mut [Option<Link>],
        para_last: &mut [Option<Link>],
    ) {
        // Each pass is linear in the number of quotes (quotes are in text
        // order), so a document of 100,000 quote marks stays fast.
        // split: the nearest linked quote of the same sentence, else of the
        // same paragraph; an earlier one before a later one
        let linked: Vec<bool> = links.iter().map(Option::is_some).collect();
        let nearest = |same: &dyn Fn(usize, usize) -> bool| -> Vec<Option<usize>> {
            let mut prev: Vec<Option<usize>> = vec![None; quotes.len()];
            let mut last = None;
            for i in 0..quotes.len() {
                prev[i] = last.filter(|&j| same(i, j));
                if linked[i] {
                    last = Some(i);
                }
            }
            let mut next: Vec<Option<usize>> = vec![None; quotes.len()];
            let mut last = None;
            for i in (0..quotes.len()).rev() {
                next[i] = last.filter(|&j| same(i, j));
                if linked[i] {
                    last = Some(i);
                }
            }
            prev.into_iter().zip(next).map(|(p, n)| p.or(n)).collect()
        };
        let by_unit = nearest(&|i, j| quote_unit[i] == quote_unit[j]);
        let by_para = nearest(&|i, j| quotes[i].para == quotes[j].para);
        let snapshot: Vec<Option<Link>> = links.to_vec();
        for i in 0..quotes.len() {
            if links[i].is_none()
                && let Some(j) = by_unit[i].or(by_para[i])
            {
                links[i] = snapshot[j].clone().map(|l| Link { sieve: "split", ..l });
            }
        }
        // continued: pieces of one quotation over several paragraphs
        let mut chain_link: HashMap<usize, Link> = HashMap::new();
        for (q, l) in quotes.iter().zip(links.iter()) {
            if let Some(l) = l {
                chain_link.entry(q.chain).or_insert_with(|| l.clone());
            }
        }
        for (q, l) in quotes.iter().zip(links.iter_mut()) {
            if l.is_none()
                && let Some(c) = chain_link.get(&q.chain)
            {
                *l = Some(Link { sieve: "continued", ..c.clone() });
            }
        }
        // carry: a quote paragraph takes the speaker of the paragraph before
        let mut chain_head: HashMap<usize, usize> = HashMap::new();
        for (i, q) in quotes.iter().enumerate() {
            chain_head.entry(q.chain).or_insert(i);
        }
        let mut carried: HashMap<usize, Link> = HashMap::new();
        for i in 0..quotes.len() {
            let q = &quotes[i];
            if links[i].is_none() {
                if let Some(l) = carried.get(&q.chain) {
                    links[i] = Some(l.clone());
                } else {
                    let quote_para = q.open == seg.paragraphs[q.para].start || colon_lead[i];
                    let head = &quotes[chain_head[&q.chain]];
                    if quote_para
                        && head.open == seg.paragraphs[head.para].start
                        && head.para > 0
                        && let Some(l) = para_last[head.para - 1].clone()
                    {
                        let l = Link { sieve: "carry", cue: "".into(), cue_class: "".into(), ..l };
                        carried.insert(q.chain, l.clone());
                        links[i] = Some(l);
                    }
                }
            }
            if let Some(l) = &links[i]
                && l.entity.is_some()
            {
                para_last[q.para] = Some(l.clone());
            }
        }
    }
}

/// The most tokens a unit may hold. A "sentence" longer than this is not
/// one (text without punctuation, a pasted table); it is read in pieces so
/// that every per-unit step stays bounded.
const MAX_UNIT_TOKENS: usize = 400;

/// Sentences merged so that no quote crosses a unit boundary, tokenized
/// with each quote as one token; produced one at a time so that memory
/// holds a couple of units, not the whole document's tokens.
struct Units<'a> {
    text: &'a str,
    seg: &'a Segments,
    quotes: &'a [Quote],
    lex: &'a Lexicons,
    /// Next paragraph, and next sentence within it.
    para: usize,
    sent: usize,
    /// Next quote not yet placed in a unit.
    qi: usize,
    pending: std::collections::VecDeque<Unit>,
}

impl<'a> Units<'a> {
    fn new(text: &'a str, seg: &'a Segments, quotes: &'a [Quote], lex: &'a Lexicons) -> Units<'a> {
        Units { text, seg, quotes, lex, para: 0, sent: 0, qi: 0, pending: Default::default() }
    }
}

impl Iterator for Units<'_> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        loop {
            if let Some(u) = self.pending.pop_front() {
                return Some(u);
            }
            let range = self.seg.para_sentences.get(self.para)?.clone();
            let sents = &self.seg.sentences[range];
            if self.sent >= sents.len() {
                self.para += 1;
                self.sent = 0;
                continue;
            }
            let pi = self.para;
            let mut span = sents[self.sent];
            self.sent += 1;
            // extend while a quote that starts inside runs past the end
            while self.sent < sents.len() {
                let crossing = self.quotes[self.qi..]
                    .iter()
                    .take_while(|q| q.open < span.end)
                    .any(|q| q.para == pi && q.close_end > span.end);
                if !crossing {
                    break;
                }
                span.end = sents[self.sent].end;
                self.sent += 1;
            }
            // about one token per five bytes of news text
            let mut tokens = Vec::with_capacity((span.end - span.start) / 5 + 4);
            let mut at = span.start;
            while self.qi < self.quotes.len() && self.quotes[self.qi].open < span.end {
                let q = &self.quotes[self.qi];
                if q.open >= at {
                    tokenize(self.text, at, q.open, self.lex, &mut tokens);
                    let end = q.close_end.min(span.end).max(q.open + 1);
                    tokens.push(Token { start: q.open, end, kind: TokKind::Quote(self.qi) });
                    at = end.max(at);
                }
                self.qi += 1;
            }
            tokenize(self.text, at, span.end, self.lex, &mut tokens);
            if tokens.len() <= MAX_UNIT_TOKENS {
                self.pending.push_back(Unit { para: pi, tokens });
            } else {
                for chunk in tokens.chunks(MAX_UNIT_TOKENS) {
                    self.pending.push_back(Unit { para: pi, tokens: chunk.to_vec() });
                }
            }
        }
    }
}

/// `a b`: in `buf` when it fits (nearly always), else on the heap.
fn join_words<'b>(a: &str, b: &str, buf: &'b mut [u8; 64]) -> std::borrow::Cow<'b, str> {
    let n = a.len() + 1 + b.len();
    if n > buf.len() {
        return std::borrow::Cow::Owned(format!("{a} {b}"));
    }
    buf[..a.len()].copy_from_slice(a.as_bytes());
    buf[a.len()] = b' ';
    buf[a.len() + 1..n].copy_from_slice(b.as_bytes());
    // whole strs joined by an ASCII space: always UTF-8
    std::borrow::Cow::Borrowed(std::str::from_utf8(&buf[..n]).unwrap_or_default())
}

/// Whether the cue at `i` is coordinated with an earlier verb: `… and told`.
fn follows_and(text: &str, toks: &[Token], i: usize, lex: &Lexicons) -> bool {
    let mut j = i;
    while j > 0 && toks[j - 1].is_word() && is_aux(&text[toks[j - 1].start..toks[j - 1].end], lex) {
        j -= 1;
    }
    j > 0 && toks[j - 1].is_word() && matches!(&text[toks[j - 1].start..toks[j - 1].end], "and" | "but")
}

/// Whether the subject `np` before a base-form cue at `c` agrees with it.
fn base_form_subject(text: &str, toks: &[Token], np: Option<(usize, usize)>, c: usize) -> bool {
    let Some((s, e)) = np else { return false };
    if e > c {
        return false; // inverted: "say Peskov" is not English
    }
    let w = |k: usize| &text[toks[k].start..toks[k].end];
    if e < c {
        return true; // an auxiliary stands between: "he did say", "will state"
    }
    let last = fold(w(e - 1));
    if e == s + 1 && matches!(last.as_ref(), "i" | "we" | "you" | "they" | "who") {
        return true;
    }
    // plurals ("officials say", "Democrats say") and counts of people
    // ("one in five say", "a third say", "45% of voters say")
    let capital_plural = last.len() > 3 && last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("'s");
    is_plural(w(e - 1))
        || capital_plural
        || (s..e).any(|k| {
            let x = fold(w(k));
            x == "and"
                || x.chars().any(|c| c.is_ascii_digit())
                || matches!(
                    x.as_ref(),
                    "percent"
                        | "%"
                        | "third"
                        | "half"
                        | "majority"
                        | "most"
                        | "many"
                        | "few"
                        | "some"
                        | "five"
                        | "four"
                        | "three"
                        | "two"
                        | "ten"
                )
        })
}

/// Whether the speaker may follow the cue at `i`: right after a quote
/// (`"…," said Peskov`) or at the start of a unit (`Said Peskov: "…"`).
fn inversion_allowed(toks: &[Token], i: usize) -> bool {
    let mut j = i;
    while j > 0 && matches!(toks[j - 1].kind, TokKind::Punct(',' | '—' | '–' | '-')) {
        j -= 1;
    }
    j == 0 || toks[j - 1].quote().is_some()
}

/// Is this word an adverb or auxiliary that may stand between a speaker and
/// the cue (`Peskov also said`, `he has repeatedly said`)?
fn is_aux(w: &str, lex: &Lexicons) -> bool {
    !is_capitalised(w) && (word_class(w, lex) == Some(WordClass::Aux) || (w.len() > 4 && w.ends_with("ly")))
}

/// The speaker phrase ending just before the cue at token `c`, read
/// leftwards: `[the Kremlin spokesperson Dmitry Peskov] (also) told`,
/// `[Rustem Umerov], Ukraine's chief negotiator, said`, `[he] added`.
pub(crate) fn np_left(text: &str, toks: &[Token], c: usize, lex: &Lexicons) -> Option<(usize, usize)> {
    let w = |k: usize| &text[toks[k].start..toks[k].end];
    let mut e = c;
    while e > 0 && toks[e - 1].is_word() && is_aux(w(e - 1), lex) {
        e -= 1;
    }
    if e == 0 {
        return None;
    }
    if toks[e - 1].is_word() && lex.pronouns.contains_key(&*fold(w(e - 1))) {
        return Some((e - 1, e));
    }
    // A parenthesis after a name: "Sen. Jack Reed (D-R.I.), said"
    let skip_paren = |e: usize| -> usize {
        if e > 0
            && toks[e - 1].is_punct(')')
            && let Some(o) = (e.saturating_sub(12)..e - 1).rev().find(|&k| toks[k].is_punct('('))
        {
            return o;
        }
        e
    };
    e = skip_paren(e);
    if e >= 2 && toks[e - 1].is_punct(',') && toks[e - 2].is_punct(')') {
        let o = skip_paren(e - 1);
        if o < e - 1 && o > 0 && toks[o - 1].is_word() && is_capitalised(w(o - 1)) {
            e = o;
        }
    }
    if e == 0 {
        return None;
    }
    let mut core_end = e;
    if toks[e - 1].is_punct(',') {
        // apposition: NAME , DESCRIPTION , cue — the description may hold
        // commas of its own ("Seaman, who lives outside the capital,
        // Sacramento, said"), so try each comma from the nearest out.
        let lo = e.saturating_sub(25);
        let a_near = (lo..e - 1).rev().find(|&a| toks[a].is_punct(','))?;
        // DESCRIPTION , NAME , cue: "Another delegate on the slate, Jim Poolman, said"
        let inner = a_near + 1..e - 1;
        if !inner.is_empty()
            && inner.len() <= 5
            && inner
                .clone()
                .all(|k| toks[k].is_word() && (is_capitalised(w(k)) || crate::mentions::is_name_particle(w(k))))
        {
            return Some((inner.start, inner.end));
        }
        let a = (lo..e - 1)
            .rev()
            .filter(|&a| toks[a].is_punct(','))
            .take_while(|&a| !toks[a + 1..e - 1].iter().any(|t| t.quote().is_some()))
            .find(|&a| {
                a > 0
                    && a + 1 < e - 1
                    && toks[a - 1].is_word()
                    && (is_capitalised(w(a - 1)) && word_class(w(a - 1), lex) != Some(WordClass::NonName)
                        || word_class(&fold(w(a - 1)), lex) == Some(WordClass::Source))
            })?;
        core_end = a;
    }
    let mut s = core_end;
    let mut lower = 0;
    while s > 0 {
        let t = toks[s - 1];
        if !t.is_word() {
            break;
        }
        let word = w(s - 1);
        if is_capitalised(word) {
            match word_class(word, lex) {
                Some(WordClass::NonName) | Some(WordClass::Stop) => {
                    if word == "The" {
                        s -= 1;
                    }
                    break;
                }
                _ => {
                    s -= 1;
                    continue;
                }
            }
        }
        let lw = fold(word);
        if lw == "and" && s >= 2 && s < core_end && is_capitalised(w(s - 2)) && is_capitalised(w(s)) {
            s -= 1; // "Kiev and Washington"
            continue;
        }
        if crate::mentions::is_name_particle(word) && s >= 2 && is_capitalised(w(s - 2)) && s < core_end {
            s -= 1;
            continue;
        }
        match word_class(word, lex) {
            Some(WordClass::Det) => {
                s -= 1;
                break;
            }
            Some(WordClass::Stop) | Some(WordClass::Aux) => break,
            _ => {}
        }
        if lex.pronouns.contains_key(&*lw) || lex.cue_forms.contains_key(&*lw) || lower >= 4 {
            break;
        }
        lower += 1;
        s -= 1;
    }
    if s == core_end || !plausible_speaker(text, toks, (s, core_end), lex) {
        return None;
    }
    Some((s, core_end))
}

/// Whether a phrase before a cue can be its subject. Rejects what is more
/// likely a noun phrase with a cue-like noun after it ("his scathing
/// remarks", "Trump's claims", "in a heavily Democratic state").
fn plausible_speaker(text: &str, toks: &[Token], (s, e): (usize, usize), lex: &Lexicons) -> bool {
    let w = |k: usize| &text[toks[k].start..toks[k].end];
    let last = w(e - 1);
    if crate::mentions::strip_possessive(last).1 {
        return false; // "Trump's [claims]"
    }
    let first = fold(w(s));
    let has_det = word_class(w(s), lex) == Some(WordClass::Det);
    if has_det && e == s + 1 {
        return false; // a determiner alone: "the [report]"
    }
    let has_cap = (s..e).any(|k| is_capitalised(w(k)) && word_class(w(k), lex) != Some(WordClass::NonName));
    let head_is_source = word_class(&fold(last), lex) == Some(WordClass::Source) || is_plural(last);
    let indefinite =
        matches!(first.as_ref(), "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your" | "one");
    if indefinite && !head_is_source {
        return false; // "a heavily Democratic [state]", "his scathing [remarks]"
    }
    if !has_cap {
        // lower-case words alone: "local officials", "the spokesman",
        // "the lawsuit"; without a determiner only a source noun or plural.
        let definite = matches!(first.as_ref(), "the" | "this" | "that" | "these" | "those");
        if !(head_is_source || definite) || (!has_det && e - s > 3) {
            return false;
        }
    }
    true
}

/// A lower-case plural noun: "officials", "protesters" (not "news", "process").
fn is_plural(w: &str) -> bool {
    !is_capitalised(w)
        && w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
}

/// The speaker phrase right after a cue (`said Peskov`, `according to the
/// Kremlin`), up to punctuation or a function word.
pub(crate) fn np_right(text: &str, toks: &[Token], e: usize, lex: &Lexicons) -> Option<(usize, usize)> {
    let mut k = e;
    let mut lower = 0;
    while k < toks.len() && toks[k].is_word() {
        let word = &text[toks[k].start..toks[k].end];
        if is_capitalised(word) {
            if k > e && word_class(word, lex) == Some(WordClass::NonName) {
                break;
            }
            k += 1;
            continue;
        }
        match word_class(word, lex) {
            Some(WordClass::Det) if k == e => {
                k += 1;
                continue;
            }
            Some(_) => break,
            None => {}
        }
        if lex.pronouns.contains_key(&*fold(word)) && k == e {
            return Some((k, k + 1));
        }
        if crate::mentions::is_name_particle(word) && k > e {
            k += 1;
            continue;
        }
        lower += 1;
        if lower > 4 || lex.cue_forms.contains_key(&*fold(word)) {
            break;
        }
        k += 1;
    }
    // trailing lower-case words after a name are not part of it ("said Peskov today")
    while k > e
        && !is_capitalised(&text[toks[k - 1].start..toks[k - 1].end])
        && (e..k).any(|j| is_capitalised(&text[toks[j].start..toks[j].end]))
    {
        let last_cap = (e..k).rev().find(|&j| is_capitalised(&text[toks[j].start..toks[j].end])).unwrap_or(e);
        k = last_cap + 1;
    }
    if k == e {
        return None;
    }
    let only_det = k == e + 1 && word_class(&text[toks[e].start..toks[e].end], lex) == Some(WordClass::Det);
    if only_det {
        return None;
    }
    Some((e, k))
}

impl Gender {
    pub(crate) fn of_title(t: &str) -> Gender {
        match t {
            "Mr." | "Mr" | "Sir" | "Lord" | "King" | "Prince" | "Father" => Gender::Male,
            "Mrs." | "Mrs" | "Ms." | "Ms" | "Miss" | "Dame" | "Lady" | "Queen" | "Princess" => Gender::Female,
            _ => Gender::Unknown,
        }
    }
}

impl EntityKind {
    /// Whether a he/she pronoun can refer to an entity of this kind.
    pub(crate) fn personal(self) -> bool {
        matches!(self, EntityKind::Person)
    }
}

#[cfg(test)]
mod tests;
