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

use std::rc::Rc;

mod claims;
mod resolve;
mod sieves;
mod when;

use crate::input::Document;
use crate::lexicon::{CueClass, Gender, Lexicons, WordClass, WordSet, WordSets};
use crate::mentions::{Entity, EntityKind, Gazetteer, TokKind, Token, fold, is_capitalised, tokenize};
use crate::quotes::{Quote, find_quote_spans};
use crate::record::{Kind, Record};
use crate::rule::{Method, Pattern, Resolution, Rule, Sieve};
use crate::segment::{Segments, segment_from};
use crate::span::Span;

use resolve::{Resolver, is_age};

/// Options that change what is emitted, not how it is found.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep quotes nobody is linked to, with an empty speaker.
    pub keep_unattributed: bool,
}

/// The engine: lexicons and matchers, built once, shared by all documents.
#[derive(Debug, Clone)]
pub struct Engine {
    lex: Lexicons,
    gaz: Gazetteer,
    opts: Options,
    /// `--lang auto` ([`Engine::auto`]): the engines of the other built-in
    /// languages, one of which reads a document detected in its language.
    auto: Option<Box<AutoLanguages>>,
}

/// The other built-in languages of an [`Engine::auto`], by code. With no
/// extra lexicons each engine is built when the first document in its
/// language comes (an English corpus never pays for Russian and Ukrainian
/// matchers); with `--lexicons DIR` all are built at once, so that a
/// problem in DIR is reported before any document is read.
#[derive(Debug, Clone)]
struct AutoLanguages {
    opts: Options,
    others: Vec<(&'static str, std::sync::OnceLock<Option<Engine>>)>,
}

/// A speaker linked to a cue or a quote.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// None when the mention could not be resolved (a pronoun with no antecedent).
    pub entity: Option<Entity>,
    // Shared strings: a link is copied to every quote and claim it covers.
    pub mention: Rc<str>,
    pub cue: Rc<str>,
    /// The cue's class from `cues.tsv` (say, deny, confirm, …); `None` for
    /// a speaker carried over with no cue of its own.
    pub cue_class: Option<CueClass>,
    /// The day the statement was made, when the text says (ISO).
    pub said_on: Option<Rc<str>>,
    /// How the speaker phrase was resolved.
    pub how: Resolution,
}

/// A quote's link: the sieve that made it and the speaker.
type Linked = (Sieve, Link);

/// A cue with its speaker, inside one unit's tokens.
#[derive(Debug, Clone)]
pub(crate) struct Attribution {
    /// Token range of the cue words.
    pub cue: Span,
    /// Index into `Lexicons::cues`; `None` for a speaker label's colon
    /// (`Kasich: '…'`).
    pub cue_id: Option<usize>,
    /// Token range of the speaker phrase, if one was found.
    pub np: Option<Span>,
    /// The speaker phrase follows the cue (`said Peskov`, `according to X`).
    pub inverted: bool,
    pub link: Option<Link>,
}

/// A unit of attribution: sentences merged so no quote crosses a boundary.
#[derive(Debug, Clone)]
pub(crate) struct Unit<'l> {
    pub para: usize,
    /// Words are looked up in the lexicons only once the unit is known to
    /// need attribution ([`Unit::look_up`]): most units of news hold no cue
    /// and no speaker label, and are never looked up.
    pub tokens: Vec<Token<'l>>,
    /// Whether [`Unit::look_up`] has filled the tokens' entries.
    pub looked_up: bool,
}

impl<'l> Unit<'l> {
    /// Look every word up in the lexicons, once; the attribution stages
    /// then read what a word is from its token.
    fn look_up(&mut self, text: &str, lex: &'l Lexicons) {
        if self.looked_up {
            return;
        }
        for t in &mut self.tokens {
            t.look_up(text, lex);
        }
        self.looked_up = true;
    }
}

/// What [`Engine::prescan`] found in a unit.
#[derive(Clone, Copy)]
struct Prescan {
    first_cue: Option<usize>,
    colon: Option<usize>,
    caps_label: Option<(usize, usize)>,
    period_label: bool,
}

impl Engine {
    /// An engine for `lex` (its gazetteer and matchers are built here, once).
    pub fn new(lex: Lexicons, opts: Options) -> Engine {
        let gaz = Gazetteer::new(&lex);
        Engine { lex, gaz, opts, auto: None }
    }

    /// An engine for every built-in language (`--lang auto`): each document
    /// is read with the lexicons of the language detected from its first
    /// few kilobytes (English, Russian or Ukrainian; see the `lang`
    /// column), each extended by the files in `extra` when given. English
    /// is the engine's own ([`Engine::lexicons`]).
    pub fn auto(extra: Option<&std::path::Path>, opts: Options) -> crate::Result<Engine> {
        let load = |code| Lexicons::load(crate::Lang::Builtin(code), extra);
        let mut en = Engine::new(load("en")?, opts.clone());
        let mut others = Vec::new();
        for code in crate::lexicon::languages().filter(|&c| c != "en") {
            let engine = std::sync::OnceLock::new();
            if extra.is_some() {
                let _ = engine.set(Some(Engine::new(load(code)?, opts.clone())));
            }
            others.push((code, engine));
        }
        en.auto = Some(Box::new(AutoLanguages { opts, others }));
        Ok(en)
    }

    /// The engine of the built-in language `code` of an [`Engine::auto`],
    /// built on first use.
    fn language(&self, code: &str) -> Option<&Engine> {
        let auto = self.auto.as_deref()?;
        let (_, engine) = auto.others.iter().find(|(c, _)| *c == code)?;
        engine
            .get_or_init(|| {
                // the built-in lexicons load (a test checks it); were one not
                // to, its documents would be read in English
                Lexicons::load(crate::Lang::Builtin(code), None).ok().map(|lex| Engine::new(lex, auto.opts.clone()))
            })
            .as_ref()
    }

    /// An engine with the built-in English lexicons and default options.
    pub fn builtin() -> crate::Result<Engine> {
        Ok(Engine::new(Lexicons::builtin()?, Options::default()))
    }

    /// The lexicons this engine was built from.
    pub fn lexicons(&self) -> &Lexicons {
        &self.lex
    }

    /// The options this engine was built with.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Extract the rows of one document, in text order (with
    /// [`Engine::auto`], in the lexicons of its language).
    pub fn extract(&self, doc: &Document) -> Vec<Record> {
        if self.auto.is_some() {
            let code = crate::detect::detect(&doc.text).code();
            if code != self.lex.lang
                && let Some(engine) = self.language(code)
            {
                return engine.extract_in_language(doc);
            }
        }
        self.extract_in_language(doc)
    }

    /// [`Engine::extract`] with this engine's own lexicons.
    fn extract_in_language(&self, doc: &Document) -> Vec<Record> {
        let text = doc.text.as_str();
        let seg = segment_from(text, crate::input::header_len(text), &self.lex);
        let quotes = find_quote_spans(text, &seg);
        let mut res = Resolver::new(self, text, doc.date.as_deref());
        let mut links: Vec<Option<Linked>> = vec![None; quotes.len()];
        // The last speaker linked in each paragraph, for `carry`.
        let mut para_last: Vec<Option<Link>> = vec![None; seg.paragraphs.len()];
        // Per quote: its unit, and whether a cue-less colon leads into it.
        let mut quote_unit = vec![usize::MAX; quotes.len()];
        let mut colon_lead = vec![false; quotes.len()];
        // Per quote: quoted words that name something (a title, a nickname).
        let mut not_speech = vec![false; quotes.len()];
        let mut claims = Vec::new();

        // Units are read in order, with one unit of look-ahead (a quote
        // ending in "?" may take the attribution that opens the next one).
        let mut units = Units::new(text, &seg, &quotes, &self.lex);
        let read = |mut unit, res: &mut Resolver| {
            let scan = self.prepare(&mut unit, res);
            res.note_subject(&unit);
            // a word opening the sentence is no subject when it is a
            // preposition, an adverbial opener or a contraction (`Amid …`,
            // `Like NAME, …`, `It's …`, `I'm old enough to …`)
            if res.unit_subject.as_ref().is_some_and(|(_, m)| !self.subject_word(m)) {
                res.unit_subject = None;
            }
            let attrs = match scan {
                Some(scan) => self.find_attributions(&unit, scan, res),
                None => Vec::new(),
            };
            let subject = res.unit_subject.clone().map(|s| (s, res.unit_subject_verb));
            (unit, attrs, subject)
        };
        let mut cur = units.next().map(|u| read(u, &mut res));
        let mut u = 0;
        let mut turns = Transcript::new(seg.paragraphs.len());
        let mut prev_para = usize::MAX;
        // Per paragraph: the speaker its dash signature names (`— NAME, TITLE`).
        let mut signatures: Vec<Option<Link>> = vec![None; seg.paragraphs.len()];
        // The speaker of the previous unit when it reported speech with no
        // quote of its own, and its paragraph (`NAME said …. "…"`).
        let mut reported: Option<(usize, Link)> = None;
        // The previous unit when it is a plain sentence (no quote, no cue):
        // its paragraph and span, for `report_anaphor`.
        let mut prev_plain: Option<(usize, usize, usize)> = None;
        while let Some((mut unit, mut attrs, subject)) = cur.take() {
            let first_in_para = unit.para != prev_para;
            prev_para = unit.para;
            let turn = turns.read_unit(&unit, &mut attrs, first_in_para, &res);
            let next = units.next().map(|n| read(n, &mut res));
            let look = next.as_ref().filter(|(n, _, _)| n.para == unit.para).map(|(n, a, _)| (n, &a[..]));
            self.link_quotes(text, &quotes, &unit, &attrs, look, &mut links, &mut not_speech);
            let site = FormSite {
                first_in_para,
                subject: subject.as_ref().map(|(s, _)| s),
                subject_verb: subject.as_ref().map_or(usize::MAX, |&(_, v)| v),
                has_cue: attrs.iter().any(|a| a.link.is_some()),
                not_speech: &not_speech,
            };
            self.speech_forms(&mut unit, &site, &mut links, &mut res, &mut signatures, &mut para_last);
            self.follow_report(&unit, &attrs, reported.take(), &not_speech, &mut links);
            if !attrs.is_empty() && !unit.tokens.iter().any(|t| t.quote().is_some()) {
                // the main clause's speaker: the first cue's, a person or a body
                reported = attrs
                    .iter()
                    .filter(|a| {
                        !self.is_weak_cue(a)
                            && a.link
                                .as_ref()
                                .is_some_and(|l| l.entity.as_ref().is_some_and(|e| e.kind != EntityKind::Group))
                    })
                    .find(|a| {
                        a.cue_id.is_some_and(|c| {
                            !matches!(self.lex.cues[c].class, CueClass::Believe | CueClass::Know | CueClass::Want)
                        })
                    })
                    .and_then(|a| a.link.clone())
                    .map(|l| (unit.para, l));
            }
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
            } else if unit.tokens.last().is_some_and(|t| t.is_punct(':'))
                && let Some(((e, mention), _)) = &subject
                && e.kind != EntityKind::Group
                && e.name.contains(' ')
                && next.as_ref().is_none_or(|(n, _, _)| n.para != unit.para)
                && !unit.tokens.iter().any(|t| t.quote().is_some())
            {
                // `He then listed the qualities a nominee needs:` ending its
                // paragraph, with no cue: the quote paragraph after it is
                // its subject's (through `carry`)
                para_last[unit.para] = Some(Link {
                    entity: Some(e.clone()),
                    mention: mention.clone(),
                    cue: "".into(),
                    cue_class: None,
                    said_on: None,
                    how: Resolution::Subject,
                });
            }
            // a unit with no cue reports no claim (most sentences of news)
            for c in if attrs.is_empty() { Vec::new() } else { self.find_claims(text, &unit, &attrs, &not_speech) } {
                // A transcript turn is one row: its label's words, however
                // many sentences they run over (settled after the last unit,
                // once the document is known to be a dialogue).
                if let Turn::Opens(label) = turn
                    && c.attr == label
                    && c.pattern == Pattern::Colon
                {
                    turns.open[unit.para] = Some(claims.len());
                }
                // a claim is mixed by quoted speech, not by a quoted title
                // or nickname (`X said the film "Title" changed her life`)
                let mixed = c.mixed
                    && unit
                        .tokens
                        .iter()
                        .any(|t| t.quote().is_some_and(|q| !not_speech[q]) && t.start >= c.start && t.end <= c.end);
                let kind = if mixed { Kind::Mixed } else { Kind::Indirect };
                claims.push(self.row(
                    doc,
                    c.start,
                    c.end,
                    kind,
                    attrs[c.attr].link.as_ref(),
                    Method::Pattern(c.pattern),
                ));
            }
            if turn != Turn::None
                && let Some(end) = turn_end(&unit.tokens)
            {
                turns.end[unit.para] = end;
            }
            if self.lex.has_report_anaphors {
                // `CLAUSE. Об этом заявил X.`: the sentence before is X's
                if let Some(link) = self.anaphoric_report(&unit, &attrs)
                    && let Some((para, start, end)) = prev_plain
                    && (para == unit.para || para + 1 == unit.para)
                {
                    claims.push(self.row(
                        doc,
                        start,
                        end,
                        Kind::Indirect,
                        Some(&link),
                        Method::Pattern(Pattern::Anaphor),
                    ));
                }
                prev_plain = plain_sentence(&unit, &attrs);
            }
            units.recycle(unit.tokens);
            cur = next;
            u += 1;
        }
        self.settle_turns(doc, &seg, &turns, &mut claims);
        // (a turn that opened with a stage direction alone and was not
        // settled as a dialogue's has no words)
        claims.retain(|c| c.start < c.end);
        // Step 3: the document sieves, over the quotes no unit sieve linked.
        let mut site = sieves::DocSite {
            text: &doc.text,
            quotes: &quotes,
            seg: &seg,
            quote_unit: &quote_unit,
            colon_lead: &colon_lead,
            not_speech: &not_speech,
            signatures: &signatures,
            links: &mut links,
            para_last: &mut para_last,
        };
        for sieve in sieves::DOCUMENT_SIEVES {
            sieve(&mut site);
        }

        let mut rows = Vec::new();
        for (q, link) in quotes.iter().zip(&links) {
            match link {
                Some((sieve, l)) => {
                    rows.push(self.row(doc, q.start, q.end, Kind::Direct, Some(l), Method::Sieve(*sieve)))
                }
                None if self.opts.keep_unattributed => {
                    rows.push(self.row(doc, q.start, q.end, Kind::Direct, None, Method::Sieve(Sieve::None)))
                }
                None => {}
            }
        }
        rows.append(&mut claims);
        // text order; a direct quote before the claim that contains it
        rows.sort_by_key(|a| (a.start, a.kind, a.end));
        rows
    }

    /// Settle a transcript's turns once every unit is read: in a dialogue
    /// each turn's row runs to the end of its paragraph, keeping a
    /// question's mark (`Why now?`); a turn whose `Q:`/`A:` speaker is not
    /// known gives no row; and a paragraph with no label between two turns
    /// of different speakers continues the turn before it.
    fn settle_turns(&self, doc: &Document, seg: &Segments, t: &Transcript, claims: &mut Vec<Record>) {
        if !t.is_dialogue() {
            return;
        }
        let text = doc.text.as_str();
        let mut drop = vec![false; claims.len()];
        let mut more = Vec::new();
        let n = seg.paragraphs.len();
        for p in 0..n {
            let (Some(link), Some(ci)) = (&t.link[p], t.open[p]) else { continue };
            let c = &mut claims[ci];
            if link.entity.is_none() {
                drop[ci] = true;
                continue;
            }
            if t.end[p] > c.end {
                c.end = t.end[p];
                // (after a stage direction: `VARGA: (Laughs.) You …`)
                c.start += text[c.start..c.end].len() - text[c.start..c.end].trim_start().len();
                c.quote = text[c.start..c.end].to_string();
            }
            // a cue inside the turn reports the speaker's own words: the
            // turn's row holds them (`Critics say …` is no row of its own)
            let (start, end) = (c.start, c.end);
            for j in ci + 1..claims.len() {
                if claims[j].start >= end {
                    break;
                }
                drop[j] |= claims[j].start >= start && claims[j].end <= end;
            }
            let c = &claims[ci];
            let mut q = p + 1;
            while q < n && !t.dirty[q] && t.plain[q].is_some() {
                q += 1;
            }
            if q > p + 1 && q < n && t.link[q].as_ref().is_some_and(|l| l.mention != link.mention) {
                let kind = c.kind;
                for sp in t.plain[p + 1..q].iter().flatten() {
                    more.push(self.row(doc, sp.start, sp.end, kind, Some(link), Method::Pattern(Pattern::Colon)));
                }
            }
        }
        let mut k = 0;
        claims.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
        claims.extend(more);
    }

    fn row(&self, doc: &Document, start: usize, end: usize, kind: Kind, link: Option<&Link>, method: Method) -> Record {
        let mut rule = String::with_capacity(32);
        Rule { kind, method, resolution: link.map(|l| l.how) }.write_to(&mut rule);
        Record {
            speaker: link.and_then(|l| l.entity.as_ref()).map(|e| String::from(&*e.name)).unwrap_or_default(),
            quote: doc.text[start..end].to_string(),
            date: doc.date.clone().unwrap_or_default(),
            kind,
            cue: link.map(|l| String::from(&*l.cue)).unwrap_or_default(),
            speaker_mention: link.map(|l| String::from(&*l.mention)).unwrap_or_default(),
            source: doc.source.clone(),
            start,
            end,
            rule,
            cue_class: link.and_then(|l| l.cue_class).map_or("", CueClass::as_str).to_string(),
            said_on: link.and_then(|l| l.said_on.as_deref()).unwrap_or_default().to_string(),
            title: doc.title.clone().unwrap_or_default(),
            url: doc.url.clone().unwrap_or_default(),
            outlet: doc.outlet.clone().unwrap_or_default(),
            lang: self.lex.lang.clone(),
        }
    }

    /// [`Engine::prescan`] of a unit, looked up when it may hold a cue or
    /// a label (before its subject is read, so that both read the words'
    /// entries).
    fn prepare<'l>(&'l self, unit: &mut Unit<'l>, res: &mut Resolver) -> Option<Prescan> {
        let scan = self.prescan(&unit.tokens, res);
        if scan.is_some() {
            unit.look_up(res.text, &self.lex);
        }
        scan
    }

    /// Where a unit's cues may start and where its speaker label ends; `None`
    /// when it has neither (most sentences of news: no attribution).
    fn prescan(&self, toks: &[Token], res: &mut Resolver) -> Option<Prescan> {
        let text = res.text;
        // Most sentences hold no cue and open with no speaker label: find
        // that cheaply, before any per-unit work.
        let first_cue = toks.iter().position(|t| t.is_word() && self.may_start_cue(t.text(text)));
        let colon = (1..=5).find(|&n| toks.get(n).is_some_and(|t| t.is_punct(':')));
        // a broadcast transcript's label: `NADIA FERREIRA, CNC ANCHOR:`,
        // `PETRAKIS (voice-over):` — the name, then its title or a note
        let caps_label = if colon.is_some_and(|n| n <= 2) { None } else { caps_label(text, toks) };
        let colon = caps_label.map(|(_, c)| c).or(colon);
        // `Q. …` / `A. …`: a transcript's labels with a period (one token,
        // as initials are), read as labels only where the text holds
        // paragraphs opening with both
        let period_label = colon.is_none()
            && toks.len() > 1
            && toks[0].is_word()
            && toks[0].text(text).len() == 2
            && toks[0].text(text).ends_with('.')
            && {
                let sets = self.lex.word_sets(toks[0].text(text));
                sets.contains(WordSet::QuestionLabel) || sets.contains(WordSet::AnswerLabel)
            }
            && res.period_labels();
        if first_cue.is_none() && colon.is_none() && !period_label {
            return None;
        }
        Some(Prescan { first_cue, colon, caps_label, period_label })
    }

    /// Step 1: cues and their speakers in one unit (looked up), from its
    /// [`Engine::prescan`].
    fn find_attributions(&self, unit: &Unit, scan: Prescan, res: &mut Resolver) -> Vec<Attribution> {
        let text = res.text;
        let toks = &unit.tokens;
        let Prescan { first_cue, colon, caps_label, period_label } = scan;
        let mut attrs: Vec<Attribution> = Vec::new();
        if let Some(n) = colon {
            let name_end = caps_label.map_or(n, |(e, _)| e);
            attrs.extend(self.speaker_label(toks, name_end, n, res));
        } else if period_label {
            // the label's mark is inside its token: an empty cue after it
            attrs.push(Attribution {
                cue: Span::new(1, 1),
                cue_id: None,
                np: Some(Span::new(0, 1)),
                inverted: false,
                link: Some(Link {
                    entity: None,
                    mention: toks[0].text(text).into(),
                    cue: ".".into(),
                    cue_class: Some(CueClass::Say),
                    said_on: None,
                    how: Resolution::Descriptor,
                }),
            });
        }
        // A headline in title case ("Christie Says He Would Issue A
        // Quarantine"): capitalised cues count.
        let (words, caps) = toks.iter().filter(|t| t.is_word()).fold((0, 0), |(n, c), t| (n + 1, c + t.cap as usize));
        let title_case = words >= 4 && caps * 10 >= words * 8;
        let mut i = first_cue.unwrap_or(toks.len());
        while i < toks.len() {
            let Some((end, cue_id)) = self.cue_at(text, toks, i, title_case) else {
                i += 1;
                continue;
            };
            let attr = self.attribution_at(toks, Span::new(i, end), cue_id, &attrs, res);
            if let Some(Link { entity: Some(e), .. }) = &attr.link {
                res.note_speaker(e.clone(), toks[i].start);
                res.note_cue_speaker(e, toks[i].start);
            }
            attrs.push(attr);
            i = end;
        }
        attrs
    }

    /// `Kasich: 'We are going all the way'` — a name and a colon (token
    /// `n`) open the unit (headlines, tweets, transcripts).
    fn speaker_label(&self, toks: &[Token], name_end: usize, colon: usize, res: &mut Resolver) -> Option<Attribution> {
        let text = res.text;
        // (the words before the colon that name the speaker: all of them,
        // or the name before a transcript label's title)
        let n = name_end;
        let qa = n == 1 && (toks[0].is(WordSet::QuestionLabel) || toks[0].is(WordSet::AnswerLabel));
        let names =
            qa || (0..n).all(|k| toks[k].is_word() && toks[k].cap && toks[k].class() != Some(WordClass::NonName));
        // Without a quote, only a clear speaker label: two or more
        // names, or capitals ("JOEL BENENSON: This is a man who …").
        let label = n >= 2 || text[toks[0].start..toks[n - 1].end].chars().all(|c| !c.is_lowercase());
        let has_more = toks.len() > colon + 1;
        if !(names && has_more && (label || toks[colon + 1..].iter().any(|t| t.quote().is_some()))) {
            return None;
        }
        // A section label (`Opinion: …`, `LIVE: …`) is not a speaker.
        if n == 1 && toks[0].is(WordSet::RubricLabel) {
            return None;
        }
        let np = Span::new(0, n);
        // A transcript's `Q:` and `A:` are never speakers named Q or A: the
        // transcript gives them the interviewer and the interviewee.
        let (entity, how) = if qa { (None, Resolution::Descriptor) } else { res.resolve_np(toks, np, toks[0].start)? };
        // A label in capitals with no quotation after it is a person's
        // (`JOEL BENENSON:`, `HADDAD:` for a name the text gave), not a
        // section heading (`FERRY FIRE: Passengers evacuated …`,
        // `EXPORTS: …`): a given name first, or a name already known.
        let capitals = n < 2 || text[toks[0].start..toks[n - 1].end].chars().all(|c| !c.is_lowercase());
        // (a label with a title or note after a name of two or three words,
        // or one the text gave, is a transcript's: `BRIGID OYELARAN, MARLOW
        // BRIDGE RESIDENT:`, `PETRAKIS (on camera):`; not `WEATHER, TRAFFIC:`)
        if name_end < colon && !(2..=3).contains(&n) && !matches!(how, Resolution::Short | Resolution::Alias) {
            return None;
        }
        if !qa && capitals && name_end == colon && !toks[colon + 1..].iter().any(|t| t.quote().is_some()) {
            let first = toks[0].text(text);
            let mut cs = first.chars();
            let title_cased: String =
                cs.next().map(|c| c.to_string() + &cs.as_str().to_lowercase()).unwrap_or_default();
            // (or a title opens it: `MS. ABARA:`, `SENATOR HALE:`)
            let person = self.lex.given_name(&title_cased).is_some()
                || (n >= 2 && self.lex.is_title(first))
                || matches!(how, Resolution::Short | Resolution::Alias | Resolution::Descriptor);
            if !person {
                return None;
            }
        }
        // a transcript writes its labels in capitals: the person's name as a
        // name is written (`NADIA FERREIRA:`, `FERREIRA:` → Nadia Ferreira)
        let entity = entity.map(|mut e| {
            // (one word too when the label had a title: `MS. ABARA:`)
            let titled = n >= 2 && self.lex.is_title(toks[0].text(text));
            if (e.kind == EntityKind::Person || titled)
                && let Some(t) = resolve::title_cased(&e.name, if titled { 1 } else { 2 })
            {
                e.name = t.into();
            }
            e
        });
        Some(Attribution {
            cue: Span::new(colon, colon + 1),
            cue_id: None,
            np: Some(np),
            inverted: false,
            link: Some(Link {
                entity,
                mention: res.phrase(toks, np).into(),
                cue: ":".into(),
                cue_class: Some(CueClass::Say),
                said_on: None,
                how,
            }),
        })
    }

    /// The speaker phrase of the cue at tokens `cue` (left, or right when
    /// inverted), or none: `Peskov said`, `said Peskov`, `according to X`.
    fn speaker_phrase(
        &self,
        text: &str,
        toks: &[Token],
        Span { start: i, end }: Span,
        cue_id: usize,
    ) -> (Option<Span>, bool) {
        let class = self.lex.cues[cue_id].class;
        if class == CueClass::According {
            // a pronoun inside the cue's own words is its speaker (`по его
            // словам`, `за її словами`)
            if let Some(k) = (i + 1..end).find(|&k| self.lex.pronouns.contains_key(&*fold(toks[k].text(text)))) {
                return (Some(Span::new(k, k + 1)), true);
            }
            // a source named by what it is of, by or from: `according to
            // early results of exit polls conducted for the AP`, `a count by
            // The Associated Press`, `a letter from the chairman` (not a
            // time: `according to the ministry on Monday`, `in March`)
            let mut np = np_right(text, toks, end, &self.lex);
            while let Some(sp) = np {
                let mut j = sp.end;
                if toks.get(j).is_some_and(|t| t.is_word() && !t.cap && t.text(text).ends_with("ed")) {
                    j += 1;
                }
                let joined = toks.get(j).is_some_and(|t| {
                    t.is_word() && !t.cap && t.folds_to(WordSet::PeoplePreposition) && !t.folds_to(WordSet::DateOn)
                }) && toks.get(j + 1).is_some_and(|t| {
                    let x = fold(t.text(text));
                    t.is_word() && self.lex.weekday(&x).is_none() && self.lex.month(&x).is_none()
                });
                match joined.then(|| np_right(text, toks, j + 1, &self.lex)).flatten() {
                    Some(next) if next.end - sp.start <= 16 => np = Some(Span::new(sp.start, next.end)),
                    _ => break,
                }
            }
            // `according to USA TODAY contributor and historian David Marsh,`:
            // a description, then the person's name, up to the comma
            if let Some(sp) = np
                && let Some(c) = description_then_name(toks, sp.end)
            {
                np = Some(Span::new(sp.start, c));
            }
            return (np, true);
        }
        let mut np = np_left(text, toks, i, &self.lex);
        if self.lex.has_adjunct_prepositions
            && let Some(subject) = subject_before_adjunct(text, toks, i, np, &self.lex)
        {
            np = Some(subject);
        }
        // `Hawkins and others who want to ban abortion said …`: a subject
        // whose restrictive relative clause runs up to the cue
        // (the phrase read back from the cue is then inside that clause:
        // `… who oppose the plan said`)
        if let Some(r) = (i.saturating_sub(10)..i).rev().find(|&k| toks[k].is(WordSet::RelativePronoun))
            && r > 0
            && r + 1 < i
            && toks[r + 1..i].iter().all(|t| t.is_word())
            && !toks[r + 1..i].iter().any(|t| t.folds_to(WordSet::SubjectPronoun))
            && np.is_none_or(|p| p.start > r)
            && let Some(subject) = np_left(text, toks, r, &self.lex)
        {
            np = Some(subject);
        }
        let mut inverted = false;
        // the phrase after `told` is its addressee, never the speaker
        let addressee_only = self.lex.word_sets(&self.lex.cues[cue_id].lemma).contains(WordSet::AddresseeOnlyLemma);
        // a participle never comes before its subject (`"…," saying the
        // city …`, `…, calling Trump …`: what follows is what was said or
        // whom it was said of; the speaker is the clause's)
        let participle = {
            let last = toks[end - 1].text(text).as_bytes();
            last.len() > 4 && last[last.len() - 3..].eq_ignore_ascii_case(b"ing")
        };
        // `leaders are now openly questioning whether …`, `he has been
        // saying`: a progressive form is the finite verb of the subject
        // before its form of *be*
        if participle
            && np.is_none()
            && let Some(b) = progressive_be(text, toks, i)
        {
            np = np_left(text, toks, b, &self.lex);
            return (np, false);
        }
        if self.lex.has_report_anaphors && i == 2 && toks[1].is(WordSet::ReportAnaphor) && toks[0].is_word() {
            // `Об этом заявил журналистам X`: the subject follows the cue,
            // after its addressee
            let mut from = end;
            while toks.get(from).is_some_and(|t| t.is_word() && !t.cap && t.folds_to(WordSet::Addressee)) {
                from += 1;
            }
            np = np_right(text, toks, from, &self.lex);
            return (np, np.is_some());
        }
        if self.lex.has_adjunct_prepositions
            && np.is_none()
            && (inversion_allowed(toks, i) || toks[i - 1].is_punct(','))
            && toks.get(end).is_some_and(|t| t.is_word() && !t.cap && t.folds_to(WordSet::AdjunctPreposition))
            && let Some(body) = np_right(text, toks, end + 1, &self.lex)
        {
            // `«…», — отметили в МИД России`, `…, сообщили в пресс-службе
            // Кремля`: an impersonal cue, and the body where it was said
            return (Some(body), true);
        }
        if np.is_some() || addressee_only || participle {
            // the subject before the cue, or none
        } else if inversion_allowed(toks, i) {
            np = np_right(text, toks, end, &self.lex);
            inverted = np.is_some();
            // `— сказал Дмитриев агентству Reuters`: the addressee after
            // the speaker's name is not part of it
            if let Some(sp) = np
                && let Some(k) = (sp.start + 1..sp.end).find(|&k| {
                    toks[k].is_word() && !toks[k].cap && toks[k].folds_to(WordSet::Addressee) && toks[k - 1].cap
                })
            {
                np = Some(Span::new(sp.start, k));
            }
        } else if i > 0 && toks[i - 1].is_punct(',') && class == CueClass::Say {
            // `…, said Rita Katz, the director of …`: a named speaker
            // after a comma closes the sentence
            let right = np_right(text, toks, end, &self.lex);
            if right.is_some_and(|np| toks[np.start].cap) {
                np = right;
                inverted = true;
            }
        }
        // `as NAME put it`: such a cue counts only after `as` and a subject.
        if toks[i].folds_to(WordSet::AsCue)
            && !np.is_some_and(|np| !inverted && np.start > 0 && toks[np.start - 1].folds_to(WordSet::AsWord))
        {
            return (None, false);
        }
        // A base form ("say", "state", "report") is a cue only with a
        // subject that takes it: "they say", "officials say", "did say".
        let form = fold(&text[toks[i].start..toks[end - 1].end]);
        if end == i + 1 && *form == *self.lex.cues[cue_id].lemma && !base_form_subject(text, toks, np, i) {
            return (None, false);
        }
        (np, inverted)
    }

    /// The attribution of the cue at tokens `(i, end)`: its speaker phrase,
    /// resolved, else the speaker its participle or coordination hangs on
    /// (`…, adding that …`, `She greeted them and told them …`).
    fn attribution_at(
        &self,
        toks: &[Token],
        Span { start: i, end }: Span,
        cue_id: usize,
        attrs: &[Attribution],
        res: &mut Resolver,
    ) -> Attribution {
        let text = res.text;
        let (mut np, inverted) = self.speaker_phrase(text, toks, Span::new(i, end), cue_id);
        // A participle hangs on its clause (`… issued a statement saying`,
        // `…, Mrs. Clinton said, calling him`): the phrase before it is the
        // clause's object or an apposition, not its subject.
        if !inverted
            && let Some(p) = np
            && let Some(object) = participle_on_clause(text, toks, p, i)
            && progressive_be(text, toks, i).is_none()
            && (object || attrs.iter().any(|a| a.link.is_some()) || res.unit_subject.is_some())
        {
            np = None;
        }
        // `It quoted Energy Minister NAME as saying …`, `quoting NAME as
        // saying`: the speaker is the one quoted
        let (np, inverted) = match quoted_as(text, toks, i, cue_id, &self.lex) {
            Some(q) => (Some(q), false),
            None => (np, inverted),
        };
        let mut attr = Attribution { cue: Span::new(i, end), cue_id: Some(cue_id), np, inverted, link: None };
        let cue_text: Rc<str> = text[toks[i].start..toks[end - 1].end].into();
        let cue_class = Some(self.lex.cues[cue_id].class);
        let speaker_start = attr.np.filter(|np| np.start < i).map_or(i, |np| np.start);
        let said_on: Option<Rc<str>> =
            when::said_on(&self.lex, text, toks, speaker_start, end, res.date(), res.last_said_on.as_deref())
                // a time between the subject and the cue: `X on Friday said`
                .or_else(|| {
                    let gap = attr
                        .np
                        .filter(|np| {
                            np.end < i
                                && (np.end..i).any(|k| {
                                    let t = &toks[k];
                                    t.cap
                                        || t.is(WordSet::TimeUnit)
                                        || t.folds_to(WordSet::Today)
                                        || t.folds_to(WordSet::Yesterday)
                                })
                        })?
                        .end;
                    when::said_on(&self.lex, text, toks, speaker_start, gap, res.date(), res.last_said_on.as_deref())
                        // `X, speaking at a briefing on Friday, said`
                        .or_else(|| when::said_on_between(&self.lex, text, toks, gap, i, res.date()))
                })
                .map(Rc::from);
        if said_on.is_some() {
            res.last_said_on.clone_from(&said_on);
        }
        if let Some(np) = attr.np {
            // `economists at ORG`, `a spokesman for the ministry`: people
            // named by where they are, as written, not the place
            let pp = !inverted
                && (np.start + 1..np.end).any(|k| {
                    toks[k].is_word()
                        && !toks[k].cap
                        && toks[k].folds_to(WordSet::PeoplePreposition)
                        && pp_head(text, toks, k + 1, &self.lex) == Some(np.start)
                })
                && res.person_before_home(toks, np).is_none();
            let resolved = if pp {
                let from = if toks[np.start].is(WordSet::DefiniteArticle)
                    || toks[np.start].folds_to(WordSet::DefiniteArticle)
                {
                    np.start + 1
                } else {
                    np.start
                };
                let name: Rc<str> = res.phrase(toks, Span::new(from, np.end)).into();
                Some((Some(Entity { name, kind: EntityKind::Group, gender: Gender::Unknown }), Resolution::Group))
            } else {
                res.resolve_np(toks, np, toks[i].start)
            };
            attr.link = resolved.map(|(entity, how)| Link {
                entity,
                mention: res.phrase(toks, np).into(),
                cue: cue_text,
                cue_class,
                said_on,
                how,
            });
        } else if fold(&text[toks[i].start..toks[end - 1].end]).ends_with("ing")
            || follows_and(text, toks, i, &self.lex)
        {
            // the cue takes the speaker of the clause it hangs on, else the
            // subject of the sentence
            // (a participle set off by a comma hangs on the sentence's
            // speech cue, not on a clause reported inside it: `NAME said
            // that Republicans rejected his bill, calling it …`)
            let speech = |a: &&Attribution| {
                a.link.as_ref().is_some_and(|l| l.entity.is_some())
                    && a.cue_id.is_some_and(|c| {
                        matches!(
                            self.lex.cues[c].class,
                            CueClass::Say | CueClass::Add | CueClass::Write | CueClass::Warn
                        )
                    })
            };
            let matrix = if i > 0 && toks[i - 1].is_punct(',') { attrs.iter().find(speech) } else { None };
            // the latest cue with a speaker, unless that speaker is the
            // subject of the clause another cue reports (`NAME said the
            // result showed that …, and vowed …`: the vow is NAME's)
            let latest = || {
                let mut linked = attrs.iter().filter(|a| a.link.is_some());
                let last = linked.clone().next_back()?;
                let reporter = linked.find(|a| {
                    let first = last.np.map_or(usize::MAX, |np| np.start);
                    !a.inverted
                        && a.cue.end <= first
                        && (first == a.cue.end
                            || (first == a.cue.end + 1 && toks[a.cue.end].is(WordSet::Complementiser)))
                });
                reporter.or(Some(last)).and_then(|a| a.link.clone())
            };
            if let Some(prev) = matrix.and_then(|a| a.link.clone()).or_else(latest) {
                attr.link = Some(Link {
                    cue: cue_text,
                    cue_class,
                    said_on: said_on.or(prev.said_on.clone()),
                    how: Resolution::Participle,
                    ..prev
                });
            } else if let Some((subject, mention)) = res.unit_subject.clone().filter(|_| i >= res.unit_subject_verb) {
                attr.link = Some(Link {
                    entity: Some(subject),
                    mention,
                    cue: cue_text,
                    cue_class,
                    said_on,
                    how: Resolution::Subject,
                });
            } else if let Some(np) = described_subject(toks, i)
                && let Some((Some(e), how)) = res.resolve_np(toks, np, toks[np.start].start)
            {
                // `The president left no doubt …, saying …`: a subject
                // described, resolved to whom the description names
                attr.link = Some(Link {
                    entity: Some(e),
                    mention: res.phrase(toks, np).into(),
                    cue: cue_text,
                    cue_class,
                    said_on,
                    how,
                });
            }
        }
        // `the company wrote in a blog post … "…," the post said`: the
        // medium a statement was made in refers back to its author
        if !attr.inverted
            && let Some(Link { entity: Some(e), .. }) = &attr.link
            && toks.get(end).is_some_and(|t| t.is_word() && t.folds_to(WordSet::HomePreposition) && !t.cap)
            && toks.get(end + 1).is_some_and(|t| t.is_word() && t.folds_to(WordSet::IndefiniteDet))
            && let Some(k) = medium_noun(text, toks, end + 2)
        {
            res.describe_medium(fold(toks[k].text(text)).into_owned(), e);
        }
        // fronted: `In a statement, NAME said …`, `In a statement on Monday
        // evening, NAME said …` (the phrase opening the sentence, closed by
        // its comma before the speaker)
        if !attr.inverted
            && let Some(Link { entity: Some(e), .. }) = &attr.link
            && let Some(np) = attr.np
            && toks.first().is_some_and(|t| t.is_word() && t.folds_to(WordSet::HomePreposition))
            && toks.get(1).is_some_and(|t| t.is_word() && t.folds_to(WordSet::IndefiniteDet))
            && let Some(k) = medium_noun(text, toks, 2)
            && let Some(comma) = (k + 1..toks.len().min(k + 12)).find(|&c| !toks[c].is_word())
            && toks[comma].is_punct(',')
            // (not one that names its own author: `In a statement released
            // by NAME, …`)
            && !toks[k + 1..comma].iter().any(|t| t.folds_to(WordSet::AgentPreposition))
            && comma < np.start
        {
            res.describe_medium(fold(toks[k].text(text)).into_owned(), e);
        }
        // `He added that …`: said on the occasion of the speaker's statement
        // just before, when that one gave its day
        if let Some(link) = attr.link.as_mut()
            && let Some(e) = &link.entity
        {
            // (`he also said`: the same)
            let also = i > 0 && toks[i - 1].is_word() && toks[i - 1].folds_to(WordSet::Additive);
            if link.said_on.is_none()
                && (link.cue_class == Some(CueClass::Add) || (also && link.cue_class == Some(CueClass::Say)))
                && let Some((who, Some(day))) = &res.last_statement
                && *who == e.name
            {
                link.said_on = Some(day.clone());
            }
            res.last_statement = Some((e.name.clone(), link.said_on.clone()));
        }
        attr
    }

    /// The speaker of a unit that reports the sentence before it (`Об
    /// этом заявил X`, `Про це заявив X`): a preposition and a
    /// `report_anaphor` open it, and its first cue follows them closely.
    fn anaphoric_report(&self, unit: &Unit, attrs: &[Attribution]) -> Option<Link> {
        let toks = &unit.tokens;
        let opens = toks.len() > 3
            && toks[0].is_word()
            && toks[0].folds_to(WordSet::Preposition)
            && toks[1].is_word()
            && toks[1].folds_to(WordSet::ReportAnaphor);
        if !opens {
            return None;
        }
        let a = attrs.first().filter(|a| a.cue.start >= 2 && a.cue.start <= 4)?;
        a.link.clone().filter(|l| l.entity.is_some())
    }

    /// Whether a one-word subject's mention is a name at all: not a
    /// preposition, subordinator or adverbial opener (`Amid`, `Once`,
    /// `Even`), a function word no name takes, nor a pronoun's contraction
    /// (`It's`, `I'm`, `There's`, `They're`).
    fn subject_word(&self, mention: &str) -> bool {
        if mention.contains(' ') {
            return true; // `But Cruz`, `When Mr. Trump`: an opener before a name
        }
        let lw = fold(mention);
        let bare = lw
            .split_once(['\'', '’'])
            .filter(|(_, tail)| matches!(*tail, "s" | "m" | "re" | "ll" | "d" | "ve"))
            .map_or(&*lw, |(head, _)| head);
        let sets = self.lex.word_sets(bare);
        // an adverb opening the sentence: `Hastily …`, `Finally …`,
        // `Reportedly …` (not a given name: `Emily`)
        let adverb = ["ily", "ally", "fully", "ously", "ively", "ately", "edly", "ingly", "ently", "antly", "ibly"]
            .iter()
            .any(|x| lw.ends_with(x))
            && self.lex.given_name(mention).is_none();
        if adverb {
            return false;
        }
        let contraction =
            bare.len() < lw.len() && (self.lex.pronouns.contains_key(bare) || sets.contains(WordSet::SubjectStart));
        !(contraction
            || sets.contains(WordSet::Subordinator)
            || sets.contains(WordSet::Preposition)
            || sets.contains(WordSet::AdverbialOpener)
            || matches!(self.lex.word_class(bare), Some(WordClass::Stop | WordClass::Aux)))
    }

    /// Cues of stance and intent ("continues", "wants", "supports", "sees") link a
    /// quote only when no speech cue does.
    fn is_weak_cue(&self, a: &Attribution) -> bool {
        a.cue_id.is_some_and(|c| {
            matches!(
                self.lex.cues[c].class,
                CueClass::Continue
                    | CueClass::Want
                    | CueClass::Support
                    | CueClass::Oppose
                    | CueClass::Know
                    | CueClass::Believe
            )
        })
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
        let t = &toks[i];
        if !t.is_word() || !t.folded.may_start_cue {
            return None; // most words: no cue starts with them
        }
        if t.cap && i > 0 && !title_case {
            return None; // "Said" mid-sentence is a name, except in a headline
        }
        let w = t.text(text);
        let lw = fold(w);
        if let Some(n) = toks.get(i + 1).filter(|n| n.is_word() && self.lex.cue_first_words.contains(&*lw)) {
            let mut buf = [0u8; 64];
            let two = join_words(&lw, &fold(n.text(text)), &mut buf);
            if let Some(&c) = self.lex.cue_forms.get(&*two) {
                return Some((i + 2, c));
            }
            // three words: `made it clear`
            if let Some(n2) = toks.get(i + 2).filter(|n2| n2.is_word()) {
                let mut buf3 = [0u8; 64];
                let three = join_words(&two, &fold(n2.text(text)), &mut buf3);
                if let Some(&c) = self.lex.cue_forms.get(&*three) {
                    return Some((i + 3, c));
                }
            }
        }
        let &c = self.lex.cue_forms.get(&*lw)?;
        // `the said agreement`: a determiner before it makes it an adjective
        // (not a quantity of people: `Some said`, `they both said`).
        if i > 0
            && toks[i - 1].is_word()
            && toks[i - 1].folded.class == Some(WordClass::Det)
            && !toks[i - 1].folds_to(WordSet::Quantity)
            && !toks[i - 1].folds_to(WordSet::FloatingQuantifier)
        {
            return None;
        }
        // `thanks to his win`: a cue form that is also a preposition, before
        // another, is the preposition
        if t.folds_to(WordSet::Preposition)
            && toks.get(i + 1).is_some_and(|n| n.is_word() && n.folds_to(WordSet::Preposition))
        {
            return None;
        }
        // `his strong showing`, `their plans`, `its findings`: after a
        // possessive or an article an inflected form is a noun (`her say`
        // may be a verb after its object: `heard her say`)
        if i > 0
            && toks[i - 1].is_word()
            && toks[i - 1].folds_to(WordSet::IndefiniteDet)
            && !toks[i - 1].folds_to(WordSet::Quantity)
            && *lw != *self.lex.cues[c].lemma
        {
            return None;
        }
        // `withering attacks on`, `false claims about`, `the Paris attacks
        // and …`: a noun-prone form before a preposition, a conjunction or
        // punctuation (`Trump attacks Cruz`, `the firm plans to` are verbs)
        if t.folds_to(WordSet::NounProneForm)
            && !(i > 0 && toks[i - 1].is_word() && toks[i - 1].folds_to(WordSet::SubjectPronoun))
            && toks.get(i + 1).is_none_or(|n| {
                !n.is_word()
                    || (!n.cap
                        && !n.is(WordSet::Infinitive)
                        && (n.folds_to(WordSet::Preposition) || n.folds_to(WordSet::Coordinator)))
            })
        {
            return None;
        }
        // `in that report`: `that` after a preposition is a determiner, and
        // the form after it a noun
        if i >= 2
            && toks[i - 1].is_word()
            && toks[i - 1].folds_to(WordSet::Complementiser)
            && toks[i - 2].is_word()
            && toks[i - 2].folds_to(WordSet::Preposition)
        {
            return None;
        }
        // `in her opening remarks`, `in recent comments`: a noun-prone form
        // ending the phrase a preposition opens is its noun (a preposition's
        // object is no subject, so no verb can follow it there)
        if t.folds_to(WordSet::NounProneForm) && i >= 2 && {
            let modifier = |t: &Token| t.is_word() && !t.cap && t.folded.class.is_none();
            let det = |t: &Token| t.is_word() && t.folded.class == Some(WordClass::Det);
            let prep = |t: &Token| t.is_word() && t.folds_to(WordSet::Preposition);
            modifier(&toks[i - 1]) && (prep(&toks[i - 2]) || (i >= 3 && det(&toks[i - 2]) && prep(&toks[i - 3])))
        } {
            return None;
        }
        // `the Paris attacks`, `the Trump claims`: a form in -s after a
        // determiner and a capitalised modifier is a noun
        if i >= 2
            && lw.ends_with('s')
            && toks[i - 1].is_word()
            && toks[i - 1].cap
            && toks[i - 2].is_word()
            && toks[i - 2].folded.class == Some(WordClass::Det)
            // (`The Vatican says Pope …` is a verb: only before punctuation,
            // a verb or a preposition)
            && toks.get(i + 1).is_none_or(|n| {
                !n.is_word()
                    || n.folds_to(WordSet::BeForm)
                    || n.folded.class == Some(WordClass::Aux)
                    || n.folds_to(WordSet::Preposition)
            })
        {
            return None;
        }
        // `told to leave`: an order, not a report.
        if t.folds_to(WordSet::OrderCue) && toks.get(i + 1).is_some_and(|n| n.is_word() && n.is(WordSet::Infinitive)) {
            return None;
        }
        Some((i + 1, c))
    }

    /// Speech forms with no cue of the lexicons, read from the layout of a
    /// unit after its quotes went through the unit sieves:
    /// - a dash signature after a quote, `"…" — NAME, TITLE` (the quote
    ///   takes NAME), or opening a paragraph, which names the speaker of
    ///   the quote paragraph before it (kept in `signatures` for the
    ///   document sieve);
    /// - any verb in the inverted slot before a capitalised name, `"…,"
    ///   VERB NAME.` (`grumbled`, `sighed`, a verb no lexicon lists): the
    ///   slot, a comma after the quote and a name ending the sentence, is
    ///   what makes it attribution;
    /// - a lead-in `From NAME, …:` ending its paragraph, whose speaker the
    ///   quote paragraph after it takes (through `carry`).
    fn speech_forms<'l>(
        &'l self,
        unit: &mut Unit<'l>,
        site: &FormSite<'_>,
        links: &mut [Option<Linked>],
        res: &mut Resolver,
        signatures: &mut [Option<Link>],
        para_last: &mut [Option<Link>],
    ) {
        let (first_in_para, not_speech) = (site.first_in_para, site.not_speech);
        let text = res.text;
        let toks = &unit.tokens;
        let is_dash = |t: &Token| matches!(t.kind, TokKind::Punct('—' | '–' | '-'));
        // cheap tests first: most units have none of these shapes
        let lead_dash = first_in_para && toks.first().is_some_and(is_dash);
        // `From` may follow a time stamp (`11:15 — From NAME:`)
        let from = toks.iter().position(|t| t.is_word() && !t.text(text).starts_with(|c: char| c.is_ascii_digit()));
        let lead_from = first_in_para
            && from.is_some_and(|f| {
                f + 2 < toks.len()
                    && toks[f].cap
                    && toks[..f].iter().all(|t| matches!(t.kind, TokKind::Word | TokKind::Punct(':' | '—' | '–' | '-')))
                    && toks.last().is_some_and(|t| t.is_punct(':'))
                    && self.lex.word_sets(toks[f].text(text)).contains(WordSet::LeadInFrom)
            });
        // the unit's quotes no sieve linked
        let open: Vec<(usize, usize)> = toks
            .iter()
            .enumerate()
            .filter_map(|(k, t)| t.quote().map(|q| (k, q)))
            .filter(|&(_, q)| links[q].is_none() && !not_speech[q])
            .collect();
        if !(lead_dash || lead_from || !open.is_empty()) {
            return;
        }
        unit.look_up(text, &self.lex);
        let toks = &unit.tokens;
        // a capitalised name run from `s`, and whether what follows it ends
        // the phrase (the unit's end, a comma, a parenthesis or a period)
        let name_at = |s: usize| -> Option<Span> {
            let mut e = s;
            while e < toks.len()
                && e - s < 7
                && toks[e].is_word()
                && (toks[e].cap || e > s && toks[e].is(WordSet::NameParticle))
            {
                e += 1;
            }
            let ends = e == toks.len() || matches!(toks[e].kind, TokKind::Punct(',' | '(' | '.' | ';'));
            (e > s && toks[e - 1].cap && ends).then_some(Span::new(s, e))
        };
        let link_of = |res: &mut Resolver, np: Span, cue: Span| -> Option<Link> {
            let (entity, how) = res.resolve_np(toks, np, toks[np.start].start)?;
            entity.as_ref()?;
            Some(Link {
                entity,
                mention: res.phrase(toks, np).into(),
                cue: text[toks[cue.start].start..toks[cue.end - 1].end].into(),
                cue_class: Some(CueClass::Say),
                said_on: None,
                how,
            })
        };
        // (a signature line holds no quote: `- NAME, TITLE: "…"` is a
        // bullet whose quote is the name's)
        if lead_dash
            && !toks.iter().any(|t| t.quote().is_some())
            && let Some(np) = name_at(1)
        {
            signatures[unit.para] = link_of(res, np, Span::new(0, 1));
        }
        if lead_from
            && let Some(f) = from
            && let Some(np) = name_at(f + 1)
            && let Some(l) = link_of(res, np, Span::new(f, f + 1))
        {
            para_last[unit.para] = Some(l);
        }
        for (k, q) in open {
            let mut j = k + 1;
            // `"…" — NAME, TITLE`
            if j + 1 < toks.len() && is_dash(&toks[j]) {
                if let Some(np) = name_at(j + 1)
                    && let Some(l) = link_of(res, np, Span::new(j, j + 1))
                {
                    links[q] = Some((Sieve::Post, l));
                }
                continue;
            }
            // `… - Carl Bialik: "…"`, `… pollster Daron Shaw: "…"`: a
            // person's name right before a colon that opens the quote
            if k >= 3
                && toks[k - 1].is_punct(':')
                && let Some(np) = self.name_before_colon(text, toks, k - 1)
                && let Some(l) = link_of(res, np, Span::new(k - 1, k))
            {
                links[q] = Some((Sieve::Pre, l));
                continue;
            }
            // `- NAME, TITLE of ORG, on a call in March: "…"`: a name
            // opening the paragraph (after a bullet), its apposition and
            // phrases with no verb, then a colon and the quote
            if k >= 4
                && first_in_para
                && toks[k - 1].is_punct(':')
                && let Some(np) = self.labelled_lead_in(text, toks, k - 1, &name_at)
                && let Some(l) = link_of(res, np, Span::new(k - 1, k))
            {
                links[q] = Some((Sieve::Pre, l));
                continue;
            }
            // `Pollsters agree - NAME: "…"`: any name set off by a dash
            if k >= 3
                && toks[k - 1].is_punct(':')
                && let Some(np) = dash_name_before_colon(toks, k - 1)
                && let Some(l) = link_of(res, np, Span::new(k - 1, k))
            {
                links[q] = Some((Sieve::Pre, l));
                continue;
            }
            // what a text says, before the quote: `the sign read: "…"`,
            // `it reads, "…"`
            if k >= 3
                && matches!(toks[k - 1].kind, TokKind::Punct(':' | ','))
                && toks[k - 2].is_word()
                && toks[k - 2].folds_to(WordSet::TextVerb)
                && let Some(l) = self.text_before(text, toks, k - 2, res)
            {
                links[q] = Some((Sieve::Pre, l));
                continue;
            }
            // `NAME VERB …: "…"`, `NAME VERB, "…"`: a lead-in with no cue
            // whose subject is a name gives that name the quote that ends it
            if let Some((subject, mention)) = site.subject
                && subject.kind != EntityKind::Group
                && lead_in(toks, k)
            {
                links[q] = Some((
                    Sieve::Pre,
                    Link {
                        entity: Some(subject.clone()),
                        mention: mention.clone(),
                        cue: text[toks[k - 1].start..toks[k - 1].end].into(),
                        cue_class: Some(CueClass::Say),
                        said_on: None,
                        how: Resolution::Subject,
                    },
                ));
                continue;
            }
            // `NAME VERB … "…" …`: words quoted inside a sentence with no
            // cue whose subject is a full name or a body are the subject's
            // (`Angela Merkel hailed the deal as a "breakthrough"`), unless
            // shaped like a title; a single capitalised word opening a
            // sentence is too often no name at all
            if let Some((subject, mention)) = site.subject
                && (subject.kind == EntityKind::Org || subject.kind == EntityKind::Person && subject.name.contains(' '))
                && mention.split(' ').next().is_some_and(|w| {
                    let sets = self.lex.word_sets(&fold(w));
                    !sets.contains(WordSet::Subordinator) && !sets.contains(WordSet::Preposition)
                })
                && !site.has_cue
                && k > site.subject_verb
                && !name_shaped(toks[k].text(text).trim_matches(['"', '\'', '“', '”', '‘', '’', '«', '»']))
            {
                let v = site.subject_verb;
                links[q] = Some((
                    Sieve::Partial,
                    Link {
                        entity: Some(subject.clone()),
                        mention: mention.clone(),
                        cue: text[toks[v].start..toks[v].end].into(),
                        cue_class: None,
                        said_on: None,
                        how: Resolution::Subject,
                    },
                ));
                continue;
            }
            // `"…," VERB NAME.`
            if j + 1 >= toks.len() {
                continue;
            }
            // what a text says: `"…," the statement read.`, `"…," it reads.`,
            // `"…," read the email.`
            if let Some(l) = self.text_says(text, toks, j, res) {
                links[q] = Some((Sieve::Post, l));
                continue;
            }
            let quote_text = toks[k].text(text);
            let comma = toks[j].is_punct(',');
            if comma {
                j += 1;
            }
            let spoken =
                comma || quote_text.trim_end_matches(['"', '\'', '”', '’', '»', '“']).ends_with([',', '?', '!']);
            // `"…," NAME VERB.`, `"…," he VERB back.`: a name (or `he`,
            // `she`) after a spoken quote, then a verb no lexicon lists
            // closing the sentence, alone or with a few lower-case words
            // (`Toomey fumed.`, `NAME shot back with a laugh.`)
            if spoken && j + 1 < toks.len() && toks[j].is_word() {
                // (`an angry Hollande retaliated`: an article and up to two
                // lower-case words before the name)
                let mut n = j;
                if !toks[j].cap && toks[j].folded.class == Some(WordClass::Det) {
                    n += 1;
                    while n < toks.len() && n < j + 3 && toks[n].is_word() && !toks[n].cap && toks[n].class().is_none()
                    {
                        n += 1;
                    }
                    if !toks.get(n).is_some_and(|t| t.is_word() && t.cap) {
                        n = j;
                    }
                }
                let mut e = n;
                if toks[n].cap {
                    while e < toks.len()
                        && e - n < 4
                        && toks[e].is_word()
                        && toks[e].cap
                        && !crate::mentions::strip_possessive(toks[e].text(text)).1
                    {
                        e += 1;
                    }
                } else if toks[j].folds_to(WordSet::GenderedPronoun) {
                    e = j + 1;
                }
                if e > j
                    && closing_verb(text, toks, e)
                    && let Some(l) = link_of(res, Span::new(j, e), Span::new(e, e + 1))
                {
                    links[q] = Some((Sieve::Post, l));
                    continue;
                }
            }
            if !(spoken && j + 1 < toks.len() && toks[j].is_word() && !toks[j].cap) {
                continue;
            }
            let verb = toks[j].text(text);
            let function_word = toks[j].class().is_some() || toks[j].folds_to(WordSet::Preposition);
            if function_word || verb.ends_with("ing") || !verb.chars().all(char::is_alphabetic) {
                continue;
            }
            // the name closes the sentence (or opens an apposition), or a
            // phrase after a preposition does (`grumbled Whitlow on his way
            // out of the room.`)
            let after_name = name_at(j + 1).or_else(|| {
                let mut e = j + 1;
                while e < toks.len() && e - j <= 7 && toks[e].is_word() && toks[e].cap {
                    e += 1;
                }
                (e > j + 1
                    && toks.get(e).is_some_and(|t| t.is_word() && !t.cap && t.folds_to(WordSet::Preposition))
                    && toks[e..].iter().all(|t| t.is_word() || matches!(t.kind, TokKind::Punct('.' | ','))))
                .then_some(Span::new(j + 1, e))
            });
            let Some(np) = after_name else { continue };
            if np.end < toks.len() && !matches!(toks[np.end].kind, TokKind::Punct(',' | '.')) && !toks[np.end].is_word()
            {
                continue;
            }
            if let Some(l) = link_of(res, np, Span::new(j, j + 1)) {
                links[q] = Some((Sieve::Post, l));
            }
        }
    }

    /// The speaker of a text verb after a quote (`j`: the token after it and
    /// its comma): `read the email` (the phrase after it), or `it read`,
    /// `the statement read` (a pronoun, or a determiner and up to three
    /// words, ending the sentence).
    fn text_says(&self, text: &str, toks: &[Token], j: usize, res: &mut Resolver) -> Option<Link> {
        let ends = |k: usize| toks.get(k).is_none_or(|t| matches!(t.kind, TokKind::Punct('.' | ',' | ';')));
        let (v, np) = if toks[j].is_word() && toks[j].folds_to(WordSet::TextVerb) {
            (j, np_right(text, toks, j + 1, &self.lex)?)
        } else {
            let v =
                (j + 1..toks.len().min(j + 5)).find(|&v| toks[v].is_word() && toks[v].folds_to(WordSet::TextVerb))?;
            let head = &toks[j];
            let opener = head.is_word()
                && (head.folded.class == Some(WordClass::Det)
                    || self.lex.pronouns.contains_key(&*fold(head.text(text))));
            if !opener || !ends(v + 1) || !toks[j..v].iter().all(Token::is_word) {
                return None;
            }
            (v, Span::new(j, v))
        };
        text_verb_link(text, toks, np, v, res)
    }

    /// The text whose words a text verb at `v` gives before a quote: `it`
    /// (`it reads`) or a determiner and one to three lower-case
    /// words (`the sign read`, `one banner read`).
    fn text_before(&self, text: &str, toks: &[Token], v: usize, res: &mut Resolver) -> Option<Link> {
        // (`it`, not a person reading aloud: `she read, "…"`)
        let pronoun = toks[v - 1].is_word() && toks[v - 1].folds_to(WordSet::UnresolvedPronoun);
        let np = if pronoun {
            Span::new(v - 1, v)
        } else {
            let det_before = |e: usize| {
                (e.saturating_sub(4)..e.saturating_sub(1)).find(|&s| {
                    toks[s].is_word()
                        && toks[s].folded.class == Some(WordClass::Det)
                        && toks[s + 1..e].iter().all(|t| t.is_word() && !t.cap)
                })
            };
            let s = det_before(v)?;
            // `A sign by the door reads`: the phrase a preposition's object
            // hangs on is the text's
            match (s > 1 && toks[s - 1].is_word() && toks[s - 1].folds_to(WordSet::Preposition))
                .then(|| det_before(s - 1))
            {
                Some(Some(h)) => Span::new(h, s - 1),
                _ => Span::new(s, v),
            }
        };
        text_verb_link(text, toks, np, v, res)
    }

    /// A person's name of two or more words ending right before the colon
    /// at `c` (a parenthesis after it allowed: `Rep. NAME (R-S.C.):`), its
    /// first word a given name or a title: `Carl Bialik`, `Sen. Ana Ruiz`.
    fn name_before_colon(&self, text: &str, toks: &[Token], c: usize) -> Option<Span> {
        let mut e = c;
        if toks[e - 1].is_punct(')') {
            e = (e.saturating_sub(8)..e - 1).rev().find(|&k| toks[k].is_punct('('))?;
        }
        let mut s = e;
        while s > 0 && e - s < 6 && toks[s - 1].is_word() && (toks[s - 1].cap || toks[s - 1].is(WordSet::NameParticle))
        {
            s -= 1;
        }
        if e - s < 2 || !toks[s].cap {
            return None;
        }
        let first = toks[s].text(text);
        (self.lex.given_name(first).is_some() || self.lex.is_title(first)).then_some(Span::new(s, e))
    }

    /// The name that opens a unit (after a bullet's dash) and is set off by
    /// a comma, when the words from there to the colon at `c` are an
    /// apposition and phrases (`NAME, president of ORG, on a call in
    /// March:`): no verb, no cue, no quote, at most 24 tokens.
    fn labelled_lead_in(
        &self,
        text: &str,
        toks: &[Token],
        c: usize,
        name_at: &dyn Fn(usize) -> Option<Span>,
    ) -> Option<Span> {
        let b = toks.iter().position(|t| !matches!(t.kind, TokKind::Punct('—' | '–' | '-' | '•' | '*')))?;
        let np = name_at(b)?;
        if np.len() < 2 || !toks.get(np.end).is_some_and(|t| t.is_punct(',')) || c - np.end > 24 {
            return None;
        }
        // (a place after a preposition is no speaker: `At Carrick Junction,
        // where crowds …, the message played: "…"`)
        if toks[np.start].folds_to(WordSet::Preposition) {
            return None;
        }
        let plain = (np.end..c).all(|k| {
            let t = &toks[k];
            match t.kind {
                TokKind::Word => {
                    t.folded.class != Some(WordClass::Aux)
                        && !t.folds_to(WordSet::BeForm)
                        && !t.folds_to(WordSet::RelativePronoun)
                        && self.cue_at(text, toks, k, false).is_none()
                }
                TokKind::Punct(',' | '.' | '\'' | '’' | '&' | '-') => true,
                _ => false,
            }
        });
        plain.then_some(np)
    }

    /// `NAME said …. "…"`: a quote opening a sentence with no cue of its
    /// own, right after a sentence of the same paragraph that reported a
    /// named speaker's words and quoted none, goes on with that speaker.
    fn follow_report(
        &self,
        unit: &Unit,
        attrs: &[Attribution],
        reported: Option<(usize, Link)>,
        not_speech: &[bool],
        links: &mut [Option<Linked>],
    ) {
        let Some((para, l)) = reported else { return };
        let Some(q) = unit.tokens.first().and_then(Token::quote) else { return };
        if para != unit.para || links[q].is_some() || not_speech[q] || !attrs.is_empty() {
            return;
        }
        links[q] = Some((Sieve::Carry, Link { cue: "".into(), cue_class: None, ..l }));
    }

    /// Quoted words that name something rather than report speech (no
    /// direct row, wherever they stand, a claim included): a name-shaped
    /// title after a title noun (`the film "Northern Lights"`), and a name
    /// given by a passive or participle naming verb (`a hacker known as
    /// "…"`, `she is nicknamed "…"`, `a series titled "…"`, `the so-called
    /// "…"`, `a programme called "Smart Town"`). A naming verb with its own
    /// subject (`X has dubbed it "…"`, `what he called "…"`) is that
    /// subject's words, and `called`/`named` name only a name-shaped
    /// quotation (`called it "a disgrace"` is speech). Looked up for the few
    /// words before a quote only.
    fn names_not_speech(&self, text: &str, toks: &[Token], k: usize, quote: &str) -> bool {
        let word = |j: usize| toks[j].is_word().then(|| fold(toks[j].text(text)));
        let sets = |j: usize| word(j).map_or(WordSets::EMPTY, |w| self.lex.word_sets(&w));
        // a title as titles are written, wherever it stands: two or more
        // words of four letters or more, each capitalised (`The centrepiece
        // is "Storm at Vassby" (1969)`, `"The Cold Edge" runs until March`);
        // speech is not written so
        // (not in a headline written in title case, where speech is too)
        if strict_title(quote) && name_shaped(quote) {
            let (words, caps) =
                toks.iter().filter(|t| t.is_word()).fold((0, 0), |(n, c), t| (n + 1, c + usize::from(t.cap)));
            if !(words >= 3 && caps * 10 >= words * 7) {
                return true;
            }
        }
        if k == 0 || !toks[k - 1].is_word() {
            return false;
        }
        let w1 = k - 1;
        let s1 = sets(w1);
        let name_like = name_shaped(quote);
        if s1.contains(WordSet::TitleNoun) && !toks[w1].cap {
            return name_like;
        }
        // an organisation's possessive before a title-cased quotation: the
        // title of what it owns (`NBC's "Meet the Press"`, `the Post's "Fact
        // Checker"`), not its words (a person's is: `Perry's "Oops"`)
        if toks[w1].cap && name_like && title_cased(quote) {
            let (owner, possessive) = crate::mentions::strip_possessive(toks[w1].text(text));
            let acronym = owner.len() >= 2 && owner.chars().all(|c| c.is_ascii_uppercase());
            if possessive && (acronym || self.lex.is_org_head(owner)) {
                return true;
            }
        }
        // the object of a preposition, a title as written: `the studio
        // behind "Salt Road,"`, `starred in "Iron Harvest"` (not a label:
        // `known as`, `described as` are read below)
        if s1.contains(WordSet::Preposition)
            && !s1.contains(WordSet::NamingPhrasePrep)
            && !toks[w1].cap
            && name_like
            && title_cased(quote)
        {
            return true;
        }
        // the verb of the name: `dubbed "…"`, `known as "…"`
        let verb = if s1.contains(WordSet::NamingVerb) || s1.contains(WordSet::NamingCall) && name_like {
            w1
        } else if s1.contains(WordSet::NamingPhrasePrep) && w1 > 0 && sets(w1 - 1).contains(WordSet::NamingPhraseVerb) {
            w1 - 1
        } else {
            return false;
        };
        // passive or participle: after a noun, a comma or a form of "be";
        // not after a subject or an auxiliary ("has dubbed", "he called")
        if verb == 0 || word(verb).is_some_and(|w| w.starts_with("so-")) {
            return true;
        }
        let before = &toks[verb - 1];
        if before.is_punct(',') || before.is_punct('(') {
            return true;
        }
        let Some(bw) = word(verb - 1) else { return false };
        let info = self.lex.word_info(&bw);
        if info.sets.contains(WordSet::BeForm) {
            return true;
        }
        !before.cap && info.class.is_none() && !self.lex.pronouns.contains_key(&*bw)
    }

    /// Step 2: the unit sieves ([`sieves::UNIT_SIEVES`]), for each quote of
    /// the unit in turn.
    #[allow(clippy::too_many_arguments)]
    fn link_quotes(
        &self,
        text: &str,
        quotes: &[Quote],
        unit: &Unit,
        attrs: &[Attribution],
        next: Option<(&Unit, &[Attribution])>,
        links: &mut [Option<Linked>],
        not_speech: &mut [bool],
    ) {
        let toks = &unit.tokens;
        // quoted names and titles are not linked, nor do they part the
        // quotes around them
        let quote_toks: Vec<(usize, usize)> = toks
            .iter()
            .enumerate()
            .filter_map(|(k, t)| t.quote().map(|q| (k, q)))
            .filter(|&(k, q)| {
                let name = self.names_not_speech(text, toks, k, &text[quotes[q].start..quotes[q].end]);
                not_speech[q] = name;
                !name
            })
            .collect();
        for (n, &(k, q)) in quote_toks.iter().enumerate() {
            let site = sieves::QuoteSite {
                text,
                quotes,
                toks,
                attrs,
                next,
                k,
                q,
                prev_quote: if n > 0 { quote_toks[n - 1].0 } else { 0 },
                next_quote: quote_toks.get(n + 1).map_or(toks.len(), |x| x.0),
            };
            if let Some((sieve, a)) = sieves::UNIT_SIEVES.iter().find_map(|sieve| sieve(self, &site)) {
                links[q] = a.link.clone().map(|l| (sieve, l));
            }
        }
    }
}

/// What [`Engine::speech_forms`] reads about a unit besides its tokens.
struct FormSite<'a> {
    first_in_para: bool,
    /// The unit's subject, when it opens with a name.
    subject: Option<&'a (Entity, Rc<str>)>,
    /// The token of the subject's verb.
    subject_verb: usize,
    /// Whether any cue of the unit has a speaker.
    has_cue: bool,
    not_speech: &'a [bool],
}

/// Whether the quote at `k` ends a lead-in: a colon before it (or a comma
/// after the subject's verb: `Silverman interjected, "…"`), no other quote
/// before it in the unit, nothing but punctuation after it.
fn lead_in(toks: &[Token], k: usize) -> bool {
    if k < 2 || toks[..k].iter().any(|t| t.quote().is_some()) {
        return false;
    }
    if !toks[k + 1..].iter().all(|t| matches!(t.kind, TokKind::Punct(_))) {
        return false;
    }
    // a sentence of the lexicons' language: some word of the lead-in is
    // in them (`has`, `for`, `what`), so a name of any language is not
    // taken for a subject on its shape alone
    let known = |t: &Token| {
        t.is_word() && (t.class().is_some() || t.raw.sets != WordSets::EMPTY || t.folded.sets != WordSets::EMPTY)
    };
    match toks[k - 1].kind {
        TokKind::Punct(':') => toks[..k - 1].iter().any(known),
        // NAME VERB, "…": a verb right after a short name
        TokKind::Punct(',') => {
            k <= 5
                && toks[k - 2].is_word()
                && !toks[k - 2].cap
                && toks[k - 2].class().is_none()
                && toks[..k - 2].iter().all(|t| t.is_word() && t.cap)
        }
        _ => false,
    }
}

/// Where a unit stands in an interview transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    /// Not in a turn.
    None,
    /// The unit opens a turn with the speaker label at this attribution.
    Opens(usize),
    /// The unit is a later sentence of a turn's paragraph.
    Continues,
}

/// The turns of an interview transcript: paragraphs that open with a
/// speaker label (`KAREN HOLT: …`, `Q: …`, `A: …`). Everything in a turn is
/// its speaker's own words, one row per paragraph, however many sentences
/// it runs over; `Q:` is the interviewer's turn and `A:` the interviewee's.
struct Transcript {
    /// Per paragraph: the claim row of the turn it opens.
    open: Vec<Option<usize>>,
    /// Per paragraph: the link of the turn it opens.
    link: Vec<Option<Link>>,
    /// Per paragraph: where the words of the turn it opens end.
    end: Vec<usize>,
    /// Whether a `Q:`/`A:` label was read.
    qa: bool,
    /// Whether the text has `A:` (or `A.`) answer labels.
    answers: bool,
    /// Per paragraph: its extent while it holds no cue, label, quote or
    /// question.
    plain: Vec<Option<Span>>,
    dirty: Vec<bool>,
    /// The named speakers of label turns, in order, and whether a turn of
    /// theirs asks a question.
    speakers: Vec<(Link, bool)>,
    /// The speaker of the paragraph's turn, as an index into `speakers`.
    current: Option<usize>,
}

impl Transcript {
    fn new(paragraphs: usize) -> Transcript {
        Transcript {
            open: vec![None; paragraphs],
            link: vec![None; paragraphs],
            end: vec![0; paragraphs],
            qa: false,
            answers: false,
            plain: vec![None; paragraphs],
            dirty: vec![false; paragraphs],
            speakers: Vec::new(),
            current: None,
        }
    }

    /// The interviewer: the first labelled speaker who asks, else the first.
    fn interviewer(&self) -> Option<&Link> {
        // (a labelled speaker who asks; with `A:` turns beside the `Q:`, the
        // first one labelled, the interviewee being another; a briefing's
        // `Q:` beside named answers is a reporter's, not the first speaker's)
        self.speakers.iter().find(|s| s.1).or(self.speakers.first().filter(|_| self.answers)).map(|s| &s.0)
    }

    /// The interviewee: the first labelled speaker who is not the interviewer.
    fn interviewee(&self) -> Option<&Link> {
        let host = self.interviewer().and_then(|l| l.entity.as_ref()).map(|e| e.name.clone());
        self.speakers.iter().map(|s| &s.0).find(|l| l.entity.as_ref().map(|e| e.name.clone()) != host)
    }

    /// Whether the labels make a dialogue: `Q:`/`A:` turns, or a labelled
    /// speaker who takes more than one turn. Labels that each open one
    /// paragraph (`NAME: Topic` headings over a list) are not a transcript.
    fn is_dialogue(&self) -> bool {
        let turns = self.link.iter().flatten().count();
        let named = self.speakers.len();
        self.qa || (named >= 2 && turns > named)
    }

    /// Read one unit: whether it opens or continues a turn. A `Q:`/`A:`
    /// label gets its speaker here.
    fn read_unit(&mut self, unit: &Unit, attrs: &mut [Attribution], first_in_para: bool, res: &Resolver) -> Turn {
        let toks = &unit.tokens;
        let p = unit.para;
        let asks = toks.iter().any(|t| t.is_punct('?'));
        // A paragraph may continue a turn only if it is words (not a stage
        // direction such as "(END VIDEO CLIP)") and asks nothing (a question
        // after an answer is the interviewer's or the narrator's).
        let plain = attrs.is_empty()
            && toks.iter().all(|t| t.quote().is_none() && !t.is_punct('?'))
            && (!first_in_para || toks.first().is_some_and(Token::is_word));
        if plain {
            if let Some(end) = turn_end(toks) {
                let start = self.plain[p].map_or(toks[0].start, |sp| sp.start);
                self.plain[p] = Some(Span::new(start, end));
            }
        } else {
            self.dirty[p] = true;
        }
        if !first_in_para {
            if self.link[p].is_some() {
                if let Some(c) = self.current.filter(|_| asks) {
                    self.speakers[c].1 = true;
                }
                return Turn::Continues;
            }
            return Turn::None;
        }
        self.current = None;
        let Some(li) = attrs.iter().position(|a| {
            // (the label's name: all its words, or those before its title)
            a.cue_id.is_none()
                && a.cue.start > 0
                && a.np.is_some_and(|np| np.start == 0 && np.end <= a.cue.start)
                && a.link.is_some()
        }) else {
            return Turn::None;
        };
        let a = &mut attrs[li];
        let qa = a.cue.start == 1 && (toks[0].is(WordSet::QuestionLabel) || toks[0].is(WordSet::AnswerLabel));
        if qa {
            if !self.qa {
                let t = res.text;
                self.answers = t.starts_with("A:") || t.starts_with("A.") || t.contains("\nA:") || t.contains("\nA.");
            }
            self.qa = true;
            let asking = toks[0].is(WordSet::QuestionLabel);
            let who = if asking { self.interviewer() } else { self.interviewee() };
            // `Q: Hannah Voss, Meridian Daily. …`: a reporter who names
            // themselves asks
            let named = if asking { self_named(toks, a.cue.end, res) } else { None };
            if let (Some(l), Some(e)) = (a.link.as_mut(), named) {
                l.entity = Some(e);
                l.how = Resolution::Name;
            } else if let (Some(l), Some(who)) = (a.link.as_mut(), who) {
                l.entity.clone_from(&who.entity);
                l.how = Resolution::Descriptor;
            } else if let Some(l) = a.link.as_mut() {
                // no labelled speakers: the people the introduction names
                // (the reporter asks, the person it is about answers)
                // (a question's asker unnamed: the lexicon's word for one,
                // `reporter`)
                let (host, guest) = res.interview_parties();
                l.entity = if asking { host.or_else(|| res.unnamed_asker()) } else { guest };
                l.how = Resolution::Descriptor;
            }
        } else if let Some(l) = &a.link
            && let Some(e) = &l.entity
        {
            let known = self.speakers.iter().position(|s| s.0.entity.as_ref().is_some_and(|x| x.name == e.name));
            let c = known.unwrap_or_else(|| {
                self.speakers.push((l.clone(), false));
                self.speakers.len() - 1
            });
            self.speakers[c].1 |= asks;
            self.current = Some(c);
        }
        self.link[p].clone_from(&a.link);
        Turn::Opens(li)
    }
}

/// Whether quoted words are shaped like a name or title: at most six
/// words, one sentence, the first (after an article) capitalised
/// (`the Admiral`, `Project Clearwater`, `Smart Town`).
fn name_shaped(quote: &str) -> bool {
    let q = quote.trim_end_matches([',', '.', ';', ':']);
    if q.contains(['.', '?', '!']) {
        return false;
    }
    // (counted, not collected: asked of every quotation)
    let mut words = q.split_whitespace().peekable();
    if words.peek().is_some_and(|w| matches!(*w, "the" | "The" | "a" | "A" | "an" | "An")) {
        words.next();
    }
    let Some(first) = words.next() else { return false };
    words.count() < 6 && first.chars().next().is_some_and(char::is_uppercase)
}

/// Whether every word of a quotation but short function words starts with a
/// capital letter, as titles are written (`Meet the Press`, `Fox & Friends`;
/// not the phrase `New York values`).
fn title_cased(quote: &str) -> bool {
    quote
        .trim_end_matches([',', '.', ';', ':'])
        .split_whitespace()
        .all(|w| w.len() <= 3 || w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()))
}

/// Whether a quotation is written as a work's title: every word capitalised
/// but the short words titles keep lower case (`Storm at Vassby`, `The Cold
/// Edge`, `Grey Field, Evening`), two of its words four letters or longer.
/// Speech is not written so (`This one is for you`, `That's the way it is`).
fn strict_title(quote: &str) -> bool {
    const LOWER: &[&str] = &["a", "an", "the", "of", "at", "in", "on", "for", "and", "to", "by", "or", "with", "from"];
    let words = || quote.trim_end_matches([',', '.', ';', ':']).split_whitespace();
    words().all(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic()) || LOWER.contains(&w))
        && words().filter(|w| w.len() > 3).nth(1).is_some()
}

/// The person who opens a question turn at `toks[k]` by naming themselves:
/// a given name and a surname (not someone the text has named before,
/// whom the question addresses), then a comma (`Hannah Voss, Meridian
/// Daily.`) or a word and a period (`Hannah Voss again.`).
fn self_named(toks: &[Token], k: usize, res: &Resolver) -> Option<Entity> {
    let text = res.text;
    let mut e = k;
    while e < toks.len() && e < k + 3 && toks[e].is_word() && toks[e].cap {
        e += 1;
    }
    if e < k + 2 || e >= toks.len() {
        return None;
    }
    let closes = toks[e].is_punct(',')
        || toks[e].is_punct('.')
        || (toks[e].is_word() && !toks[e].cap && toks.get(e + 1).is_some_and(|t| t.is_punct('.')));
    let gender = res.given_gender(toks[k].text(text))?;
    let name = res.phrase(toks, Span::new(k, e));
    (closes && !res.knows(&name)).then(|| Entity { name: name.into(), kind: EntityKind::Person, gender })
}

/// Where a turn's words end: before the final period.
fn turn_end(toks: &[Token]) -> Option<usize> {
    toks.iter().rposition(|t| !t.is_punct('.')).map(|k| toks[k].end)
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
    pending: std::collections::VecDeque<Unit<'a>>,
    /// Token buffers of units read, for the next units: no allocation per unit.
    spare: Vec<Vec<Token<'a>>>,
}

impl<'a> Units<'a> {
    fn new(text: &'a str, seg: &'a Segments, quotes: &'a [Quote], lex: &'a Lexicons) -> Units<'a> {
        Units { text, seg, quotes, lex, para: 0, sent: 0, qi: 0, pending: Default::default(), spare: Vec::new() }
    }

    /// Take back the tokens of a unit that has been read.
    fn recycle(&mut self, mut tokens: Vec<Token<'a>>) {
        tokens.clear();
        self.spare.push(tokens);
    }
}

impl<'a> Iterator for Units<'a> {
    type Item = Unit<'a>;

    fn next(&mut self) -> Option<Unit<'a>> {
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
            let mut tokens = self.spare.pop().unwrap_or_default();
            tokens.reserve((span.end - span.start) / 5 + 4);
            let mut at = span.start;
            while self.qi < self.quotes.len() && self.quotes[self.qi].open < span.end {
                let q = &self.quotes[self.qi];
                if q.open >= at {
                    tokenize(self.text, at, q.open, self.lex, &mut tokens);
                    let end = q.close_end.min(span.end).max(q.open + 1);
                    // (a quote takes two bytes or more: a document under 8 GiB
                    // has fewer than u32::MAX of them)
                    tokens.push(Token::other(q.open, end, TokKind::Quote(self.qi as u32)));
                    at = end.max(at);
                }
                self.qi += 1;
            }
            tokenize(self.text, at, span.end, self.lex, &mut tokens);
            if tokens.len() <= MAX_UNIT_TOKENS {
                self.pending.push_back(Unit { para: pi, tokens, looked_up: false });
            } else {
                for chunk in tokens.chunks(MAX_UNIT_TOKENS) {
                    self.pending.push_back(Unit { para: pi, tokens: chunk.to_vec(), looked_up: false });
                }
            }
        }
    }
}

/// A unit with no quote and no cue: its paragraph and the span of its words
/// (without the final punctuation).
fn plain_sentence(unit: &Unit, attrs: &[Attribution]) -> Option<(usize, usize, usize)> {
    if !attrs.is_empty() || unit.tokens.iter().any(|t| t.quote().is_some()) {
        return None;
    }
    let first = unit.tokens.first()?;
    let last = unit.tokens.iter().rev().find(|t| t.is_word())?;
    Some((unit.para, first.start, last.end))
}

/// The subject before an adverbial that stands between it and the cue at
/// `i`, in a language that puts one there (`Ушаков в эфире телеканала
/// «Россия 1» заявил`, `Сибига в интервью телеканалу «Дождь» сказал`,
/// `Зеленський у суботу у вечірньому зверненні заявив`): the phrase before
/// the farthest `adjunct_preposition` within a few words of the cue that
/// ends in a name or is a pronoun, when the words between hold no
/// punctuation but quotes. `np`, the phrase found next to the cue, stands
/// when it starts before that adverbial.
fn subject_before_adjunct(text: &str, toks: &[Token], i: usize, np: Option<Span>, lex: &Lexicons) -> Option<Span> {
    const MAX_ADVERBIAL: usize = 10;
    let mut found = None;
    for k in (i.saturating_sub(MAX_ADVERBIAL)..i).rev() {
        let t = &toks[k];
        if !(t.is_word() || t.quote().is_some()) {
            break;
        }
        if !(t.is_word() && !t.cap && t.folds_to(WordSet::AdjunctPreposition)) || k == 0 {
            continue;
        }
        // the phrase next to the cue is the subject when it lies before
        // the adverbial (not when it runs over it: `Юлія Свириденко у
        // своєму Telegram-каналі`)
        if np.is_some_and(|np| np.start < k && np.end <= k) {
            break;
        }
        let before = &toks[k - 1];
        let pronoun = before.is_word() && lex.pronouns.contains_key(&*fold(before.text(text)));
        if before.is_word() && (before.cap || pronoun) {
            found = np_left(text, toks, k, lex).filter(|sp| sp.end == k);
            if found.is_some() {
                break;
            }
        }
    }
    found
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
    let j = verb_group_start(text, toks, i, lex);
    j > 0 && toks[j - 1].is_word() && toks[j - 1].is(WordSet::Coordinator)
}

/// Where the verb group of the cue at `i` starts: back over auxiliaries
/// and adverbs (`has also said`) and a day (`and on Monday announced`).
pub(super) fn verb_group_start(text: &str, toks: &[Token], i: usize, lex: &Lexicons) -> usize {
    let mut j = i;
    while j > 0 && toks[j - 1].is_word() && is_aux(text, &toks[j - 1]) {
        j -= 1;
    }
    if j > 1 && toks[j - 1].is_word() && toks[j - 1].cap && lex.is_weekday_word(toks[j - 1].text(text)) {
        j -= 1;
        if toks[j - 1].is_word() && toks[j - 1].is(WordSet::DateOn) {
            j -= 1;
        }
    }
    j
}

/// Whether the subject `np` before a base-form cue at `c` agrees with it.
fn base_form_subject(text: &str, toks: &[Token], np: Option<Span>, c: usize) -> bool {
    let Some(Span { start: s, end: e }) = np else { return false };
    if e > c {
        return false; // inverted: "say Peskov" is not English
    }
    let w = |k: usize| toks[k].text(text);
    if e < c {
        return true; // an auxiliary stands between: "he did say", "will state"
    }
    let last = fold(w(e - 1));
    if e == s + 1 && toks[e - 1].folds_to(WordSet::PluralSubject) {
        return true;
    }
    // plurals ("officials say", "Democrats say") and counts of people
    // ("one in five say", "a third say", "45% of voters say")
    let capital_plural = last.len() > 3 && last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("'s");
    is_plural(w(e - 1))
        || capital_plural
        || toks[e - 1].folds_to(WordSet::PluralNoun)
        // `those surveyed say`: people
        || (s < e && toks[s].folds_to(WordSet::DefiniteDet) && *fold(w(s)) == *"those")
        // `Aides to the governor say`, `Sources close to the campaign say`:
        // the head before a preposition (an adjective may follow it)
        || (s..e).position(|k| toks[k].is_word() && toks[k].folds_to(WordSet::Preposition)).is_some_and(|p| {
            (s..s + p).any(|k| {
                let h = fold(w(k));
                is_plural(&h) || toks[k].folds_to(WordSet::PluralNoun) || (h.len() > 3 && h.ends_with('s') && !h.ends_with("ss"))
            })
        })
        || (s..e).any(|k| {
            toks[k].folds_to(WordSet::And)
                || toks[k].folds_to(WordSet::Quantity)
                || toks[k].is_punct('%')
                || w(k).chars().any(|c| c.is_ascii_digit())
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

/// Whether token `p` is a preposition whose phrase after it is its object,
/// never a subject: not `of`, which joins a phrase to its head (`one of the
/// protesters said`), nor a word that may open a clause (`after the vote
/// ended`, `as he said`).
fn governs_object(toks: &[Token], p: usize) -> bool {
    let t = &toks[p];
    t.is_word()
        && !t.cap
        && t.folds_to(WordSet::Preposition)
        && !t.folds_to(WordSet::Subordinator)
        && !t.folds_to(WordSet::NameJoiner)
}

/// The subject before the prepositional phrase opening at token `p`, read
/// leftwards past it when a name or pronoun ends there (`NAME at the time
/// said`, `NAME, who has in the past described`), else none: the phrase
/// there must be a subject's (a name, its determiner or a pronoun), not
/// after a preposition itself (`went after NAME at the debate refusing`,
/// `chided NAME for raising questions`).
fn subject_before_pp(text: &str, toks: &[Token], p: usize, lex: &Lexicons) -> Option<Span> {
    let w = |k: usize| toks[k].text(text);
    let mut b = p;
    while b > 0 && toks[b - 1].is_word() && is_aux(text, &toks[b - 1]) {
        b -= 1;
    }
    let names = b > 0
        && toks[b - 1].is_word()
        && (toks[b - 1].cap || lex.pronouns.contains_key(&*fold(w(b - 1))))
        && toks[b - 1].class() != Some(WordClass::NonName);
    let r = np_left(text, toks, p, lex).filter(|_| names)?;
    let subject = (r.start..r.end).all(|k| toks[k].cap || toks[k].folded.class == Some(WordClass::Det))
        || (r.len() == 1 && lex.pronouns.contains_key(&*fold(w(r.start))));
    let object = r.start > 0 && toks[r.start - 1].is_word() && toks[r.start - 1].folds_to(WordSet::Preposition);
    (subject && !object).then_some(r)
}

/// A capitalised run (`and` may join its words) set off by a dash right
/// before the colon at token `c`: `Pollsters agree - NAME: "…"`, `… —
/// Pew Research: "…"`.
fn dash_name_before_colon(toks: &[Token], c: usize) -> Option<Span> {
    let mut b = c;
    while b > 0 && c - b < 6 && toks[b - 1].is_word() && (toks[b - 1].cap || toks[b - 1].folds_to(WordSet::And)) {
        b -= 1;
    }
    let named = b < c && toks[b].cap && toks[c - 1].cap;
    (named && b > 0 && matches!(toks[b - 1].kind, TokKind::Punct('—' | '–' | '-'))).then_some(Span::new(b, c))
}

/// The comma ending `DESCRIPTION NAME,` right after token `e` (`according to
/// USA TODAY contributor and historian David Marsh,`): lower-case words
/// that are no verb, then a capitalised word before the comma, within ten
/// tokens.
pub(super) fn description_then_name(toks: &[Token], e: usize) -> Option<usize> {
    let c = (e..toks.len().min(e + 10)).find(|&k| toks[k].is_punct(','))?;
    (c > e + 1
        && toks[c - 1].cap
        && toks[e].is_word()
        && !toks[e].cap
        && toks[e..c]
            .iter()
            .all(|t| t.is_word() && !t.folds_to(WordSet::BeForm) && t.folded.class != Some(WordClass::Aux)))
    .then_some(c)
}

/// Whether token `v` is a verb that closes its sentence after a speaker
/// (`fumed.`, `shot back with a laugh.`): a lower-case word that is no
/// function word, preposition or participle, followed by the sentence's end
/// or by at most four lower-case words opening with a particle or a
/// preposition (`back`, `with a laugh`; not an object: `released a plan`).
fn closing_verb(text: &str, toks: &[Token], v: usize) -> bool {
    let Some(t) = toks.get(v) else { return false };
    let w = t.text(text);
    if !t.is_word() || t.cap || t.class().is_some() || t.folds_to(WordSet::Preposition) || w.ends_with("ing") {
        return false;
    }
    if !w.chars().all(char::is_alphabetic) {
        return false;
    }
    let mut rest = &toks[v + 1..];
    if let Some((last, head)) = rest.split_last()
        && last.is_punct('.')
    {
        rest = head;
    }
    // (after a preposition, a name may follow: `fumed on Tuesday`,
    // `shot back on Fox News`)
    let prep = rest.first().is_some_and(|t| t.is_word() && !t.cap && t.folds_to(WordSet::Preposition));
    rest.len() <= 4
        && rest.iter().all(|t| t.is_word() && (!t.cap || prep))
        && rest.first().is_none_or(|t| t.class().is_none() || t.folds_to(WordSet::Preposition))
}

/// The form of *be* (lower-case, maybe after adverbs) before the `-ing` cue
/// at `i` that makes it a progressive verb: `are (now openly) questioning`,
/// `has been saying`.
fn progressive_be(text: &str, toks: &[Token], i: usize) -> Option<usize> {
    let mut b = i;
    while b > 0 && toks[b - 1].is_word() && is_aux(text, &toks[b - 1]) && !toks[b - 1].folds_to(WordSet::BeForm) {
        b -= 1;
    }
    let be = b.checked_sub(1)?;
    (toks[be].is_word() && !toks[be].cap && toks[be].folds_to(WordSet::BeForm) && toks[i].text(text).ends_with("ing"))
        .then_some(be)
}

/// Is this word an adverb or auxiliary that may stand between a speaker and
/// the cue (`Peskov also said`, `he has repeatedly said`)?
fn is_aux(text: &str, t: &Token) -> bool {
    let w = t.text(text);
    !t.cap && (t.class() == Some(WordClass::Aux) || (w.len() > 4 && w.ends_with("ly") && !t.folds_to(WordSet::LyNoun)))
}

/// The speaker phrase ending just before the cue at token `c`, read
/// leftwards: `[the Kremlin spokesperson Dmitry Peskov] (also) told`,
/// `[Rustem Umerov], Ukraine's chief negotiator, said`, `[he] added`.
pub(crate) fn np_left(text: &str, toks: &[Token], c: usize, lex: &Lexicons) -> Option<Span> {
    let w = |k: usize| toks[k].text(text);
    let mut e = c;
    while e > 0 && toks[e - 1].is_word() && is_aux(text, &toks[e - 1]) {
        e -= 1;
    }
    // a time between the subject and the cue: `McAuliffe on Friday
    // announced`, `Clinton Tuesday said`, `the ministry last week said`
    // (`Spicer on Thursday evening said`: a part of the day after the day)
    let part = usize::from(e >= 3 && toks[e - 1].is_word() && !toks[e - 1].cap && toks[e - 1].is(WordSet::DayPart));
    let time = if e >= 2 + part
        && toks[e - 1 - part].is_word()
        && toks[e - 1 - part].cap
        && lex.is_weekday_word(w(e - 1 - part))
    {
        let d = e - 1 - part;
        let anchored = d > 0 && toks[d - 1].is_word() && !toks[d - 1].cap && toks[d - 1].folds_to(WordSet::DayAnchor);
        part + 1 + usize::from(anchored)
    } else if e >= 3
        && toks[e - 1].is_word()
        && toks[e - 1].is(WordSet::TimeUnit)
        && !toks[e - 2].cap
        && toks[e - 2].folds_to(WordSet::TimeDeictic)
    {
        2
    } else {
        0
    };
    // (after a name or its parenthesis: `Sen. Roe (D-Ohio) last week said`)
    if time > 0 && e > time && (toks[e - time - 1].is_word() || toks[e - time - 1].is_punct(')')) {
        e -= time;
        while e > 0 && toks[e - 1].is_word() && is_aux(text, &toks[e - 1]) {
            e -= 1;
        }
    }
    if e == 0 {
        return None;
    }
    if toks[e - 1].is_word() && lex.pronouns.contains_key(&*fold(w(e - 1))) {
        return Some(Span::new(e - 1, e));
    }
    // a share of people: `42% say`
    if e >= 2
        && toks[e - 1].is_punct('%')
        && toks[e - 2].is_word()
        && toks[e - 2].end == toks[e - 1].start
        && w(e - 2).bytes().all(|b| b.is_ascii_digit() || b == b'.')
    {
        return Some(Span::new(e - 2, e));
    }
    // `they all said`, `we both agreed`: the pronoun before a floating
    // quantifier
    if e >= 2
        && toks[e - 1].is_word()
        && toks[e - 1].folds_to(WordSet::FloatingQuantifier)
        && toks[e - 2].is_word()
        && lex.pronouns.contains_key(&*fold(w(e - 2)))
    {
        return Some(Span::new(e - 2, e - 1));
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
    // an apposition between dashes: `Jason Sims — a teacher from Mount
    // Pleasant — says`, `The three scholars - Mr. Tribe and Ms. Epstein -
    // agreed`
    let dash = |k: usize| matches!(toks[k].kind, TokKind::Punct('—' | '–' | '-'));
    if e >= 3 && dash(e - 1) {
        let mut d = e - 1;
        while d > 0 && dash(d - 1) {
            d -= 1;
        }
        if let Some(o) = (d.saturating_sub(20)..d).rev().find(|&k| dash(k))
            && o > 0
            && o + 1 < d
            && toks[o - 1].is_word()
            && toks[o + 1..d].iter().all(|t| t.is_word() || matches!(t.kind, TokKind::Punct(',' | '.' | '\'')))
        {
            let mut o = o;
            while o > 0 && dash(o - 1) {
                o -= 1;
            }
            if o > 0 && toks[o - 1].is_word() {
                e = o;
            }
        }
    }
    // an adverbial set off by commas: `Supporters of the bill, however,
    // say`, `Cement makers, for instance, argue`, `The firm, in a statement,
    // said`
    if let Some(o) = comma_aside(toks, e, 7)
        && toks[o + 1..e - 1].iter().all(|t| t.is_word() && !t.cap)
        && {
            let f = &toks[o + 1];
            f.folds_to(WordSet::Preposition)
                || f.folds_to(WordSet::Adverb)
                || f.folds_to(WordSet::AdverbialOpener)
                || (o + 2 == e - 1 && w(o + 1).len() > 4 && w(o + 1).ends_with("ly"))
        }
    {
        e = o;
    }
    let mut aside = false;
    // a participial phrase set off by commas: `Officials familiar with
    // the matter, speaking on condition of anonymity because …, said`,
    // `The company, citing weak demand, said`
    if let Some(o) = comma_aside(toks, e, 24)
        && o + 2 < e - 1
        && (claims::participle(text, &toks[o + 1])
            // `The aides, led by the campaign manager, told`
            || (toks[o + 1].is_word()
                && !toks[o + 1].cap
                && toks[o + 1].folded.class.is_none()
                && toks[o + 2].is_word()
                && *fold(w(o + 2)) == *"by"))
        && toks[o + 2..e - 1].iter().all(|t| t.is_word() || matches!(t.kind, TokKind::Punct('.' | '\'' | '-')))
    {
        e = o;
        aside = true;
    }
    if e >= 2 && toks[e - 1].is_punct(',') && toks[e - 2].is_punct(')') {
        let o = skip_paren(e - 1);
        if o < e - 1 && o > 0 && toks[o - 1].is_word() && toks[o - 1].cap {
            e = o;
        }
    }
    if e == 0 {
        return None;
    }
    // an age set off by commas: `The striker, 24, said`, `Ana Ruiz, 61,
    // said`
    if e >= 4
        && toks[e - 1].is_punct(',')
        && toks[e - 3].is_punct(',')
        && toks[e - 4].is_word()
        && toks[e - 2].is_word()
        && w(e - 2).len() <= 3
        && w(e - 2).bytes().all(|b| b.is_ascii_digit())
    {
        e -= 3;
    }
    // (an apposition may end in a title whose marks hold its comma: `NAME,
    // the studio behind "Salt Road," said`)
    let title_comma = e >= 2
        && toks[e - 1].quote().is_some()
        && toks[e - 1].text(text).trim_end_matches(|c: char| !c.is_alphanumeric() && c != ',').ends_with(',')
        && toks[e - 2].is_word()
        && !toks[e - 2].cap
        && toks[e - 2].folds_to(WordSet::Preposition);
    let core_end = if toks[e - 1].is_punct(',') || title_comma {
        match apposition(text, toks, e, lex)? {
            Apposition::NameInside(inner) => return Some(inner),
            Apposition::NameBefore(a) => a,
        }
    } else {
        e
    };
    let mut s = core_end;
    let mut lower = 0;
    while s > 0 {
        let t = &toks[s - 1];
        if !t.is_word() {
            // a possessive apostrophe after a name in -s or a plural:
            // `Sanders’ campaign said`, `The drivers' union said`
            if s >= 2
                && s < core_end
                && matches!(w(s - 1), "’" | "'")
                && toks[s - 2].is_word()
                && (toks[s - 2].cap || is_plural(w(s - 2)))
                && toks[s - 2].end == t.start
                && w(s - 2).ends_with('s')
            {
                s -= 1;
                continue;
            }
            break;
        }
        let word = w(s - 1);
        if t.cap {
            match t.class() {
                Some(WordClass::NonName) | Some(WordClass::Stop) => {
                    // `The …`, `A …`, `An …` open the phrase
                    // (`A Plus reporter …`: a name that begins with `A`)
                    // (and `Some`, `Many`, `Several` …: the phrase as written)
                    // (`A Department for Transport spokesperson`: an
                    // article before a body's name)
                    let body_name = || {
                        (s..core_end)
                            .take_while(|&k| {
                                toks[k].is_word() && (toks[k].cap || matches!(&*fold(w(k)), "for" | "of" | "on"))
                            })
                            .any(|k| toks[k].cap && lex.is_org_head(w(k)))
                    };
                    if t.is(WordSet::DefiniteArticle)
                        || ((t.folds_to(WordSet::IndefiniteArticle)
                            || t.folded.class == Some(WordClass::Det)
                            || t.folds_to(WordSet::Quantity))
                            && toks[s].is_word()
                            && (w(s).starts_with(|c: char| c.is_lowercase()) || body_name()))
                    {
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
        // `NAME of the consultancy ORG`, `NAME at the University of X`: a
        // name, then where it is from, joined over the article
        if !t.cap
            && t.is(WordSet::DefiniteArticle)
            && s >= 3
            && s < core_end
            && (toks[s].cap || s + 1 < core_end && toks[s].folds_to(WordSet::BodyNoun) && toks[s + 1].cap)
            && toks[s - 2].is_word()
            && !toks[s - 2].cap
            && toks[s - 2].folds_to(WordSet::HomePreposition)
            && toks[s - 3].is_word()
            && toks[s - 3].cap
            && toks[s - 3].class().is_none()
        {
            s -= 2;
            continue;
        }
        let lw = fold(word);
        // "Kiev and Washington"; "NAME and colleagues" (a name and a
        // group noun ending the phrase)
        let group_tail = s + 1 == core_end && (is_plural(w(s)) || toks[s].folded.class == Some(WordClass::Source));
        if t.folds_to(WordSet::And) && s >= 2 && s < core_end && toks[s - 2].cap && (toks[s].cap || group_tail) {
            s -= 1;
            continue;
        }
        // `current and former officials`, `past and present members`:
        // modifiers coordinated at the start of the phrase (not `was dead
        // and party officials`)
        if t.folds_to(WordSet::And)
            && s >= 2
            && s + 1 < core_end
            && !toks[s].cap
            && toks[s - 2].is_word()
            && !toks[s - 2].cap
            && toks[s - 2].class().is_none()
            && !lex.cue_forms.contains_key(&*fold(w(s - 2)))
            && (s == 2 || !toks[s - 3].is_word() || toks[s - 3].class() == Some(WordClass::Det))
        {
            s -= 1;
            continue;
        }
        if t.is(WordSet::NameParticle) && s >= 2 && toks[s - 2].cap && s < core_end {
            s -= 1;
            continue;
        }
        // `Center for Disease Prevention`, `Committee on Ways and Means`: a
        // body's head word joined to the rest of its name
        if s >= 2
            && s < core_end
            && toks[s].cap
            && toks[s - 2].cap
            && t.folds_to(WordSet::BodyJoiner)
            && lex.is_org_head(w(s - 2))
        {
            s -= 1;
            continue;
        }
        // `the last skipper`, `the only candidate`: an adverb-like word
        // between a determiner and its noun modifies the noun
        if t.class() == Some(WordClass::Aux)
            && s < core_end
            && s >= 2
            && toks[s - 2].is_word()
            && toks[s - 2].folded.class == Some(WordClass::Det)
        {
            s -= 1;
            continue;
        }
        match t.class() {
            Some(WordClass::Det) => {
                s -= 1;
                break;
            }
            Some(WordClass::Stop) | Some(WordClass::Aux) => break,
            _ => {}
        }
        // a cue's form is a noun where a determiner heads the phrase with
        // it: `the report said`, `his note says`
        // (nor right before the cue in -s: `refugee advocates said`, two
        // finite verbs never stand side by side)
        // (`the audit report said`: nor any form but a participle, which
        // may follow its noun: `the figures reported said`)
        let noun_head = s == core_end
            && (s >= 2 && toks[s - 2].is_word() && toks[s - 2].folded.class == Some(WordClass::Det)
                || (lw.ends_with('s') && !lw.ends_with("ss"))
                || (s >= 2
                    && toks[s - 2].is_word()
                    && !toks[s - 2].cap
                    && matches!(toks[s - 2].folded.class, None | Some(WordClass::Source))
                    && !lw.ends_with("ed")
                    && !lw.ends_with("ing")));
        if lex.pronouns.contains_key(&*lw) || (lex.cue_forms.contains_key(&*lw) && !noun_head) || lower >= 4 {
            break;
        }
        lower += 1;
        s -= 1;
    }
    if s == core_end {
        return None;
    }
    // `a court document filed Thursday says`: a participle after the noun
    // (a reduced relative clause) is not the phrase's head
    let core_end = if core_end - s >= 3 && {
        let t = &toks[core_end - 1];
        let lw = fold(w(core_end - 1));
        !t.cap && t.folded.class.is_none() && lw.ends_with("ed") && !lex.cue_forms.contains_key(&*lw)
    } {
        core_end - 1
    } else {
        core_end
    };
    // a share in figures: `42% of voters say`, `about 42% of voters say`
    let s = if s >= 2
        && toks[s].is_word()
        && *fold(w(s)) == *"of"
        && toks[s - 1].is_punct('%')
        && toks[s - 2].is_word()
        && w(s - 2).starts_with(|c: char| c.is_ascii_digit())
    {
        if s >= 3 && toks[s - 3].is_word() && toks[s - 3].folds_to(WordSet::Approximator) { s - 3 } else { s - 2 }
    } else {
        s
    };
    // a count of people: `six in 10 said`, `one in five voters said`,
    // `four out of 10 voters said`
    if s >= 2 && is_count(text, &toks[s]) && toks[s - 1].is_word() {
        let joint = fold(w(s - 1));
        if *joint == *"in" && is_count(text, &toks[s - 2]) {
            return Some(Span::new(s - 2, core_end));
        }
        if *joint == *"of"
            && s >= 3
            && toks[s - 2].is_word()
            && *fold(w(s - 2)) == *"out"
            && is_count(text, &toks[s - 3])
        {
            return Some(Span::new(s - 3, core_end));
        }
    }
    // a noun of people before the preposition makes the phrase a subject
    if let Some(h) = pp_head(text, toks, s, lex) {
        return Some(Span::new(h, core_end));
    }
    // `The last coach to win the cup twice says`, `Residents clamoring to
    // block the road say`: the phrase read back is the object of a verb in
    // a postmodifier (an infinitive or a participle); the subject is the
    // noun that phrase modifies
    // (when no such noun is found the phrase is still an object, never the
    // subject)
    if let Some(head) = postmodified_subject(text, toks, s, lex) {
        return head;
    }
    // a lower-case phrase after a preposition is its object, not the
    // subject: the subject stands before the prepositional phrase (`NAME at
    // the time said`, `NAME, who has in the past described`), else there is
    // none. (Not after `of`, which joins the phrase to a head: `one of the
    // protesters said`; nor after a word that may open a clause: `after the
    // vote ended`.)
    if s > 0 && core_end == e && governs_object(toks, s - 1) && !(s..core_end).any(|k| toks[k].cap) {
        return subject_before_pp(text, toks, s - 1, lex);
    }
    // a speech cue in a form that is only a verb ("said", "wrote", "told";
    // not "state", "claims", nor "called" as in "a firm called X") makes an
    // indefinite subject a speaker: "one user wrote", "his campaign said"
    let cw = fold(w(c));
    let verb_only = lex.cue_forms.get(&*cw).is_some_and(|&id| {
        let speech = matches!(lex.cues[id].class, CueClass::Say | CueClass::Add | CueClass::Write | CueClass::Warn);
        speech && *cw != *lex.cues[id].lemma && !cw.ends_with('s') && !cw.ends_with("ing") && (c == core_end || aside)
    });
    if !plausible_speaker(text, toks, Span::new(s, core_end), verb_only) {
        return None;
    }
    Some(Span::new(s, core_end))
}

/// The comma that opens an aside ending with the comma at `e - 1` (at most
/// `span` tokens back), after a word: `NAME, however, said`, `NAME,
/// speaking on condition of anonymity, said`.
#[inline]
fn comma_aside(toks: &[Token], e: usize, span: usize) -> Option<usize> {
    if e < 4 || !toks[e - 1].is_punct(',') {
        return None;
    }
    let o = (e.saturating_sub(span)..e - 1).rev().find(|&k| toks[k].is_punct(','))?;
    (o > 0 && o + 1 < e - 1 && toks[o - 1].is_word()).then_some(o)
}

/// The subject a postmodifier ending at token `s` hangs on: back over `to
/// VERB` and participles (`to win`, `clamoring to block`, at most three
/// steps) to a phrase whose last word is a noun of people or a name.
fn postmodified_subject(text: &str, toks: &[Token], s: usize, lex: &Lexicons) -> Option<Option<Span>> {
    let verb = |k: usize| {
        let t = &toks[k];
        t.is_word() && !t.cap && t.class().is_none() && !t.folds_to(WordSet::Preposition)
    };
    let participle = |k: usize| {
        let w = toks[k].text(text);
        verb(k) && (w.ends_with("ing") || w.ends_with("ed")) && !lex.cue_forms.contains_key(&*fold(w))
    };
    let mut k = s;
    for _ in 0..3 {
        if k >= 3 && verb(k - 1) && toks[k - 2].is_word() && toks[k - 2].is(WordSet::Infinitive) {
            k -= 2;
        } else if k >= 2 && participle(k - 1) {
            k -= 1;
        } else {
            break;
        }
    }
    if k == s {
        return None;
    }
    if !toks[k - 1].is_word() {
        return Some(None);
    }
    let last = &toks[k - 1];
    let lw = fold(last.text(text));
    let people = last.cap
        || last.folded.class == Some(WordClass::Source)
        || is_plural(&lw)
        || last.folds_to(WordSet::PluralNoun);
    if lex.pronouns.contains_key(&*lw) {
        return Some(None);
    }
    // (any noun after a determiner: `The last skipper to win …`)
    Some(np_left(text, toks, k, lex).filter(|h| {
        h.end == k
            && (people
                || toks[h.start].class() == Some(WordClass::Det)
                || toks[h.start].folded.class == Some(WordClass::Det))
    }))
}

/// The start of a longer subject whose tail is the phrase at `s`, when a
/// preposition before it attaches it to a noun of people: `[three
/// officials briefed on] the matter said`, `[economists at] ORG said`, `[a
/// spokesman for] the ombudsman said`, `[sources close to] the president
/// said`. Read leftwards over at most four words (a participle or adjective
/// may stand between the noun and the preposition); the words must hold a
/// plural or a source noun, else the phrase stays as it was.
fn pp_head(text: &str, toks: &[Token], s: usize, lex: &Lexicons) -> Option<usize> {
    let p = s.checked_sub(1)?;
    if p == 0 || !toks[p].is_word() || toks[p].cap || !toks[p].folds_to(WordSet::PeoplePreposition) {
        return None;
    }
    let mut k = p;
    let mut head = false;
    while k > 0 && p - k < 4 {
        let t = &toks[k - 1];
        if !t.is_word() {
            break;
        }
        let lw = fold(t.text(text));
        if t.folded.class == Some(WordClass::Det) {
            // `Many in the crowd`, `Most of them`, `Several at the rally`:
            // a quantity right before the preposition stands for people
            head |= k == p && (is_count(text, t) || t.folds_to(WordSet::FloatingQuantifier));
            k -= 1; // "A spokesman", "The economists"
            break;
        }
        let source = t.folded.class == Some(WordClass::Source);
        if (t.class().is_some() && !source) || lex.pronouns.contains_key(&*lw) || lex.cue_forms.contains_key(&*lw) {
            break;
        }
        // (`a significant number of Democrats`, `dozens of protesters`)
        head |= is_plural(&lw) || source || t.folds_to(WordSet::Quantity) || t.folds_to(WordSet::PluralNoun);
        k -= 1;
    }
    (head && k < p).then_some(k)
}

/// What an apposition before a cue holds.
enum Apposition {
    /// `DESCRIPTION, NAME, said`: the name between the commas.
    NameInside(Span),
    /// `NAME, DESCRIPTION, said`: the speaker phrase ends at this comma.
    NameBefore(usize),
}

/// The apposition that ends with the comma at token `e - 1`: the
/// description may hold commas of its own ("Seaman, who lives outside the
/// capital, Sacramento, said"), so each comma is tried from the nearest out.
fn apposition(text: &str, toks: &[Token], e: usize, lex: &Lexicons) -> Option<Apposition> {
    let lo = e.saturating_sub(25);
    let a_near = (lo..e - 1).rev().find(|&a| toks[a].is_punct(','))?;
    let pair = |a: usize| place_pair(text, toks, a, lex);
    // a dateline in capitals opening the text before the comma at `a`
    // (`BOSTON, July 25 (UPI) — …, offering`) names a place, not a speaker
    let dateline = |a: usize| {
        toks[..a].iter().all(|t| t.is_word() && !t.text(text).chars().any(char::is_lowercase))
            && toks[..a].iter().any(|t| t.text(text).chars().filter(|c| c.is_alphabetic()).count() > 1)
    };
    // NAME , … , cue with the name opening the sentence: whatever names
    // stand in between belong to its description (`NAME, the editor of the
    // paper, L'Osservatore Romano, said`; `NAME, whose start-up, Paradata,
    // uses …, said`). Not a dateline in capitals (`WASHINGTON, …`).
    // (a parenthesis may follow the name: `Rep. NAME (D-Md.), chair of …, said`)
    // (or after a fronted adverbial: `In a phone interview, NAME, a
    // portfolio manager at ORG, which owns …, said`)
    let fronted = toks[0].is_word()
        && toks[0].cap
        && (toks[0].folds_to(WordSet::Preposition) || toks[0].text(text).ends_with("ing"))
        && toks[1].is_word()
        && !toks[1].cap;
    let base = if fronted {
        (2..(e - 1).min(10))
            .take_while(|&k| toks[k].quote().is_none())
            .find(|&k| toks[k].is_punct(','))
            .map_or(0, |c| c + 1)
    } else {
        0
    };
    if let Some(n) = toks[base..e - 1].iter().position(|t| !(t.is_word() && t.cap)).map(|n| n + base)
        && n > base
        && let Some(a0) = if toks[n].is_punct('(') {
            (n + 1..(e - 1).min(n + 10)).find(|&k| toks[k].is_punct(')')).map(|k| k + 1)
        } else {
            Some(n)
        }
        && a0 >= lo
        && (a0 < a_near || a0 == a_near && n < a0)
        && toks[a0].is_punct(',')
        && toks[base..n].iter().any(|t| t.text(text).chars().any(char::is_lowercase))
        && toks[base..n].iter().all(|t| !matches!(t.class(), Some(WordClass::NonName | WordClass::Stop)))
        && toks[base].folded.class != Some(WordClass::Stop)
        && !toks[base].folds_to(WordSet::Preposition)
        // (a quotation there only as a title after a preposition: `NAME,
        // the studio behind "Salt Road," said`)
        && !(a0 + 1..e - 1).any(|k| {
            toks[k].quote().is_some()
                && !(toks[k - 1].is_word() && !toks[k - 1].cap && toks[k - 1].folds_to(WordSet::Preposition))
        })
    {
        return Some(Apposition::NameBefore(n));
    }
    // DESCRIPTION , NAME , cue: "Another delegate on the slate, Jim Poolman, said"
    // (an age before the name is no part of it: `The champion, 19-year-old
    // NAME, said`)
    let aged = toks.get(a_near + 1).is_some_and(|t| t.is_word() && is_age(t.text(text)));
    let inner = a_near + 1 + usize::from(aged)..e - 1;
    // a word of a name in apposition: capitalised, a particle (`de`), or
    // `of` inside a body's name that opens with an organisation head at
    // `first` (`Office of Rail Standards`; not `Republican of Florida`)
    let name_word = |k: usize, first: usize| {
        toks[k].is_word()
            && (toks[k].cap
                || toks[k].is(WordSet::NameParticle)
                || (toks[k].is(WordSet::NameJoiner) && lex.is_org_head(toks[first].text(text))))
    };
    // (`the man's parents, Martin and Carol Reeve, said`: two names joined;
    // not a party and district: `Rep. NAME, D-Linwood, said`)
    if !inner.is_empty()
        && !pair(a_near)
        && inner.len() <= 5
        && (inner.len() > 1 || !party_tag(toks[inner.start].text(text)))
        && toks[inner.start].cap
        && toks[inner.end - 1].cap
        && inner.clone().all(|k| name_word(k, inner.start) || toks[k].is(WordSet::And))
    {
        return Some(Apposition::NameInside(Span::new(inner.start, inner.end)));
    }
    // DESCRIPTION , the NAME , cue: "The pilots' union, the Airline Crew
    // Association, urged" (a body's name with its article; `the rail
    // regulator, the Office of Rail Standards, said`: `of` inside a name
    // that opens with an organisation head, not `Republican of Florida`)
    if inner.len() >= 2
        && inner.len() <= 6
        && !pair(a_near)
        && toks[inner.start].is_word()
        && toks[inner.start].is(WordSet::DefiniteArticle)
        && (inner.start + 1..inner.end).all(|k| name_word(k, inner.start + 1))
        && toks[inner.end - 1].cap
    {
        return Some(Apposition::NameInside(Span::new(inner.start + 1, inner.end)));
    }
    // DESCRIPTION , NAME of the ORG , cue: "The fishermen's lawyer, Delia
    // Marchant of the Tidewater Law Project, called" (the person)
    if !inner.is_empty() && !pair(a_near) && inner.len() <= 10 {
        let p = inner.clone().find(|&k| !(toks[k].is_word() && toks[k].cap)).unwrap_or(inner.end);
        let joins = |k: usize| {
            toks[k].is_word()
                && !toks[k].cap
                && (toks[k].folds_to(WordSet::HomePreposition) || toks[k].is(WordSet::DefiniteArticle))
        };
        if p >= inner.start + 2
            && p + 1 < inner.end
            && toks[p].is_word()
            && toks[p].folds_to(WordSet::HomePreposition)
            && (p..inner.end).all(|k| joins(k) || (toks[k].is_word() && toks[k].cap))
            && toks[inner.end - 1].cap
        {
            return Some(Apposition::NameInside(Span::new(inner.start, p)));
        }
    }
    let a = (lo..e - 1)
        .rev()
        .filter(|&a| toks[a].is_punct(','))
        .take_while(|&a| !toks[a + 1..e - 1].iter().any(|t| t.quote().is_some()))
        .find(|&a| {
            a > 0
                && a + 1 < e - 1
                && !pair(a)
                && !dateline(a)
                && toks[a - 1].is_word()
                && (toks[a - 1].cap && toks[a - 1].class() != Some(WordClass::NonName)
                    || toks[a - 1].folded.class == Some(WordClass::Source)
                    // `The employee, a registered nurse who …, said`
                    || (a >= 2
                        && !toks[a - 1].cap
                        && toks[a - 2].is_word()
                        && toks[a - 2].folded.class == Some(WordClass::Det)
                        && toks[a + 1].is_word()
                        && toks[a + 1].folds_to(WordSet::IndefiniteArticle)))
        })
        // `Many whites, who were insured …, said`: a relative clause about
        // the subject, whatever its noun
        .or_else(|| {
            // (`Local residents, many of whom lost homes, say`)
            let relative = toks[a_near + 1].is(WordSet::RelativePronoun)
                || (a_near + 3 < e
                    && toks[a_near + 1].is_word()
                    && (toks[a_near + 1].folds_to(WordSet::Quantity)
                        || toks[a_near + 1].folded.class == Some(WordClass::Det))
                    && *fold(toks[a_near + 2].text(text)) == *"of"
                    && matches!(&*fold(toks[a_near + 3].text(text)), "whom" | "which"));
            (a_near > 0
                && toks[a_near - 1].is_word()
                && !toks[a_near - 1].text(text).starts_with(|c: char| c.is_ascii_digit())
                && relative)
                .then_some(a_near)
        })?;
    Some(Apposition::NameBefore(a))
}

/// A party and district written as one word: `D-Linwood`, `R-Texas` (a
/// capital, a hyphen, a capitalised word).
fn party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4 && b[0].is_ascii_uppercase() && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// `quoted NAME as saying` before the participle at `i`: a cue's `-ing`
/// form of the `say` class after `as` (`as_word`), and before the phrase
/// another cue form (`quoted`, `cited`), at most eight words back, with a
/// capitalised word in between: the phrase between them.
fn quoted_as(text: &str, toks: &[Token], i: usize, cue_id: usize, lex: &Lexicons) -> Option<Span> {
    if i < 3
        || lex.cues[cue_id].class != CueClass::Say
        || !toks[i].text(text).ends_with("ing")
        || !(toks[i - 1].is_word() && toks[i - 1].is(WordSet::AsWord))
    {
        return None;
    }
    let q = (i.saturating_sub(10)..i - 1)
        .rev()
        .take_while(|&k| toks[k].is_word())
        .find(|&k| lex.cue_forms.contains_key(&*fold(toks[k].text(text))))?;
    (q + 1 < i - 1 && toks[q + 1..i - 1].iter().any(|t| t.cap)).then_some(Span::new(q + 1, i - 1))
}

/// A description opening the sentence as its subject, before the cue at
/// `i`: `The president`, `The former senator` (a definite article, one to
/// three lower-case words ending in a job word, then a lower-case verb).
fn described_subject(toks: &[Token], i: usize) -> Option<Span> {
    if !toks.first()?.folds_to(WordSet::DefiniteArticle) {
        return None;
    }
    // a person by their job, or a body by its noun (`The central bank
    // kept rates unchanged, saying …`)
    let e = (2..=4).find(|&e| {
        e < i && toks[e - 1].is_word() && !toks[e - 1].cap && {
            let t = &toks[e - 1];
            t.folds_to(WordSet::Job) || t.folds_to(WordSet::BodyNoun) || t.folded.class == Some(WordClass::Source)
        }
    })?;
    let verb = toks[e].is_word() && !toks[e].cap && toks[e].class().is_none();
    (verb && toks[1..e].iter().all(|t| t.is_word() && !t.cap)).then_some(Span::new(0, e))
}

/// Whether the phrase `np` before an `-ing` cue at token `i` is no subject
/// of it: an object after a verb (`issued a statement saying`), or a
/// phrase before the comma that sets the participle off from its clause
/// (`endorsed Mrs. Clinton, saying`).
/// `Some(true)` for an object, `Some(false)` for a phrase before a comma
/// (dropped only where the clause's subject is known).
fn participle_on_clause(text: &str, toks: &[Token], np: Span, i: usize) -> Option<bool> {
    // (by bytes: this is asked of every cue with a subject)
    let cue = toks[i].text(text).as_bytes();
    if np.start == 0 || cue.len() < 3 || !cue[cue.len() - 3..].eq_ignore_ascii_case(b"ing") {
        return None;
    }
    let before = &toks[np.start - 1];
    let object = before.is_word()
        && !toks[np.start].cap
        && !before.folds_to(WordSet::Preposition)
        && !before.folds_to(WordSet::And)
        && !before.folds_to(WordSet::Coordinator);
    if object {
        Some(true)
    } else if toks[i - 1].is_punct(',') {
        Some(false)
    } else {
        None
    }
}

/// Whether the comma at token `a` is inside a place named with its state
/// or country after a preposition (`of Flint, Mich.,` `in Columbus, Ohio,`):
/// the comma between them or the one closing the pair. Neither part is an
/// apposition naming a speaker.
fn place_pair(text: &str, toks: &[Token], a: usize, lex: &Lexicons) -> bool {
    // a capitalised run of one to three words ending at `end`, and its start
    let run_before = |end: usize| {
        let mut s = end;
        while s > 0 && end - s < 3 && toks[s - 1].is_word() && toks[s - 1].cap {
            s -= 1;
        }
        (s < end).then_some(s)
    };
    // the pair whose first comma is `c`: a place after a preposition, then
    // one to three capitalised words (not a given name) and a comma
    let opens_pair = |c: usize| -> Option<usize> {
        let s = run_before(c)?;
        if s == 0 || !toks[s - 1].is_word() || toks[s - 1].cap || !toks[s - 1].folds_to(WordSet::Preposition) {
            return None;
        }
        let mut k = c + 1;
        while k < toks.len() && k < c + 4 && toks[k].is_word() && toks[k].cap {
            k += 1;
        }
        let state = k > c + 1 && toks.get(k).is_some_and(|t| t.is_punct(','));
        (state && lex.given_name(toks[c + 1].text(text)).is_none()).then_some(k)
    };
    if opens_pair(a).is_some() {
        return true;
    }
    // the comma closing a pair
    run_before(a).is_some_and(|s| s >= 2 && toks[s - 1].is_punct(',') && opens_pair(s - 1) == Some(a))
}

/// Whether a phrase before a cue can be its subject. Rejects what is more
/// likely a noun phrase with a cue-like noun after it ("his scathing
/// remarks", "Trump's claims", "in a heavily Democratic state").
fn plausible_speaker(text: &str, toks: &[Token], Span { start: s, end: e }: Span, verb_only: bool) -> bool {
    let w = |k: usize| toks[k].text(text);
    let last = w(e - 1);
    if crate::mentions::strip_possessive(last).1 {
        return false; // "Trump's [claims]"
    }
    // a share of people: "60 percent said", "a majority said"
    if e - s >= 2 && toks[e - 1].folds_to(WordSet::Quantity) && !toks[e - 1].cap {
        return true;
    }
    // a share of the people a pronoun names: `many of them`, `all of us`
    if e == s + 3
        && (is_count(text, &toks[s]) || toks[s].folds_to(WordSet::FloatingQuantifier))
        && toks[s + 1].folds_to(WordSet::PeoplePreposition)
        && toks[e - 1].folds_to(WordSet::Addressee)
    {
        return true;
    }
    // (`The` opening the sentence is a determiner too)
    let has_det = toks[s].class() == Some(WordClass::Det) || toks[s].folded.class == Some(WordClass::Det);
    if has_det && e == s + 1 {
        // a determiner alone: "the [report]"; but a quantity of people
        // before a speech verb is a subject: "Some said", "Many say"
        return toks[s].folds_to(WordSet::Quantity) && toks[s].cap;
    }
    // `those surveyed`, `those polled`: people
    if e == s + 2 && *fold(w(s)) == *"those" && !toks[s + 1].cap {
        return true;
    }
    let has_cap = (s..e).any(|k| toks[k].cap && toks[k].class() != Some(WordClass::NonName));
    // (`a significant number of Democrats`: a count of a capitalised plural)
    let counted_plural = e - s >= 3
        && toks[e - 1].cap
        && last.len() > 3
        && last.ends_with('s')
        && !last.ends_with("ss")
        && *fold(w(e - 2)) == *"of"
        && (s..e - 2).any(|k| toks[k].folds_to(WordSet::Quantity));
    let head_is_source = toks[e - 1].folded.class == Some(WordClass::Source)
        || is_plural(last)
        || counted_plural
        || toks[e - 1].folds_to(WordSet::PluralNoun);
    // a count of a plural: `42 percent of voters said`
    if head_is_source && is_count(text, &toks[s]) {
        return true;
    }
    let indefinite = toks[s].folds_to(WordSet::IndefiniteDet);
    // `His son Eric said`, `her lawyer, Ana Ruiz`: a description ending in a name
    if indefinite
        && e - s >= 3
        && toks[e - 1].cap
        && toks[e - 1].class().is_none()
        && toks[s + 1..e - 1].iter().any(|t| t.is_word() && !t.cap)
    {
        return true;
    }
    if indefinite && verb_only && e - s <= 3 {
        return true; // "one user wrote", "his campaign said"
    }
    if indefinite && !head_is_source {
        return false; // "a heavily Democratic [state]", "his scathing [remarks]"
    }
    if !has_cap {
        // lower-case words alone: "local officials", "the spokesman",
        // "the lawsuit"; without a determiner only a source noun or plural.
        let definite = toks[s].folds_to(WordSet::DefiniteDet);
        // (`current and former officials`: the conjunction is not a word
        // of length)
        let words = (s..e).filter(|&k| !toks[k].folds_to(WordSet::And)).count();
        if !(head_is_source || definite) || (!has_det && words > 3) {
            return false;
        }
    }
    true
}

/// A number, in figures or a word of the `quantity` set (`10`, `six`).
fn is_count(text: &str, t: &Token) -> bool {
    t.is_word() && (t.text(text).starts_with(|c: char| c.is_ascii_digit()) || t.folds_to(WordSet::Quantity))
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

/// A broadcast transcript's speaker label with a title or a note after the
/// name (`NADIA FERREIRA, CNC ANCHOR:`, `OWEN PETRAKIS, CNC CORRESPONDENT
/// (voice-over):`, `PETRAKIS (on camera):`): the end of the name (words in
/// capitals) and the colon.
/// The noun of a medium's phrase after its determiner, from `at` (`a
/// statement`, `a blog post`, `a prepared statement`): the last of the
/// lower-case words before a preposition or a participle after the noun
/// (`a blog post published alongside …`, `a statement released by …`),
/// when it is a medium that speaks with its author's voice (`medium` in
/// `words.tsv`; not `an internal memo`).
fn medium_noun(text: &str, toks: &[Token], at: usize) -> Option<usize> {
    let mut noun = None;
    for (k, t) in toks.iter().enumerate().skip(at).take(3) {
        if !t.is_word() || t.cap || t.folds_to(WordSet::Preposition) {
            break;
        }
        let w = t.text(text);
        if noun.is_some() && (w.ends_with("ed") || w.ends_with("ing")) {
            break;
        }
        noun = Some(k);
    }
    noun.filter(|&k| toks[k].folds_to(WordSet::Medium))
}

fn caps_label(text: &str, toks: &[Token]) -> Option<(usize, usize)> {
    let caps = |t: &Token| {
        t.is_word() && {
            let w = t.text(text);
            w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase)
        }
    };
    let name_end = toks.iter().take(5).take_while(|t| caps(t)).count();
    if name_end == 0 {
        return None;
    }
    let mut k = name_end;
    if toks.get(k).is_some_and(|t| t.is_punct(',')) {
        let from = k + 1;
        k = from + toks[from..].iter().take(8).take_while(|t| caps(t)).count();
        if k == from {
            return None;
        }
    }
    if toks.get(k).is_some_and(|t| t.is_punct('(')) {
        k = (k + 1..toks.len().min(k + 6)).find(|&j| toks[j].is_punct(')'))? + 1;
    }
    (k > name_end && toks.get(k).is_some_and(|t| t.is_punct(':'))).then_some((name_end, k))
}

/// The speaker phrase right after a cue (`said Peskov`, `according to the
/// Kremlin`), up to punctuation or a function word.
pub(crate) fn np_right(text: &str, toks: &[Token], e: usize, lex: &Lexicons) -> Option<Span> {
    let mut k = e;
    let mut lower = 0;
    while k < toks.len() && toks[k].is_word() {
        let word = toks[k].text(text);
        if toks[k].cap {
            if k > e && toks[k].class() == Some(WordClass::NonName) {
                break;
            }
            k += 1;
            continue;
        }
        match toks[k].class() {
            Some(WordClass::Det) if k == e => {
                k += 1;
                continue;
            }
            // a source noun is the phrase's head: "the company's lawyer"
            Some(WordClass::Source) => {}
            Some(_) => break,
            None => {}
        }
        if lex.pronouns.contains_key(&*fold(word)) && k == e {
            return Some(Span::new(k, k + 1));
        }
        if toks[k].is(WordSet::NameParticle) && k > e {
            k += 1;
            continue;
        }
        // "the Ministry of Defence"; another preposition ends the phrase
        if k > e && toks[k].folds_to(WordSet::PeoplePreposition) {
            let joins = toks[k].folds_to(WordSet::NameJoiner)
                && toks[k - 1].cap
                && toks.get(k + 1).is_some_and(|n| n.is_word() && n.cap);
            if !joins {
                break;
            }
            k += 1;
            continue;
        }
        // a participle after a noun opens a modifier: "a study [published
        // Wednesday in …]"
        let after_noun = k > e
            && toks[k - 1].is_word()
            && !toks[k - 1].cap
            && toks[k - 1].class() != Some(WordClass::Det)
            && !toks[k - 1].text(text).ends_with("ly");
        if after_noun && word.len() > 4 && word.ends_with("ed") {
            break;
        }
        lower += 1;
        // a cue form ends the phrase (`…, said Peskov, adding …`), except
        // as its first noun: `according to reports`, `according to a report`
        let noun = k == e || (k == e + 1 && toks[e].class() == Some(WordClass::Det));
        if lower > 4 || (!noun && lex.cue_forms.contains_key(&*fold(word))) {
            break;
        }
        k += 1;
    }
    // trailing lower-case words after a name are not part of it ("said
    // Peskov today"), unless the phrase ends in its head noun, a job: "said
    // the Harwood boss" is a person, not the club
    let job_head =
        k > e + 1 && toks[e].class() == Some(WordClass::Det) && toks[k - 1].folds_to(WordSet::Job) && toks[k - 2].cap;
    while !job_head && k > e && !toks[k - 1].cap && (e..k).any(|j| toks[j].cap) {
        let last_cap = (e..k).rev().find(|&j| toks[j].cap).unwrap_or(e);
        k = last_cap + 1;
    }
    if k == e {
        return None;
    }
    let only_det = k == e + 1 && toks[e].class() == Some(WordClass::Det);
    if only_det {
        return None;
    }
    // a description, then the name in apposition: "said the company's
    // lawyer, Mark Dunn", "according to the ministry's adviser, Ana Reyes,"
    // (also a title in capitals: "said the Speaker, Dame Harriet Pole")
    let titled = k > e + 1
        && toks[e].class() == Some(WordClass::Det)
        && (e + 1..k).all(|j| toks[j].cap)
        && (toks[k - 1].folds_to(WordSet::Job)
            || toks[k - 1].folded.class == Some(WordClass::Source)
            || lex.is_title(toks[k - 1].text(text)));
    if (!toks[k - 1].cap || titled) && k + 1 < toks.len() && toks[k].is_punct(',') {
        let mut n = k + 1;
        while n < toks.len() && n - k <= 5 && toks[n].is_word() && (toks[n].cap || toks[n].is(WordSet::NameParticle)) {
            n += 1;
        }
        let closed = n == toks.len() || matches!(toks[n].kind, TokKind::Punct(',' | '.' | ';'));
        if n > k + 1 && toks[n - 1].cap && closed {
            return Some(Span::new(k + 1, n));
        }
    }
    // people named by where they are: "said residents of the east bank"
    let people = (e..k)
        .any(|j| !toks[j].cap && (is_plural(toks[j].text(text)) || toks[j].folded.class == Some(WordClass::Source)));
    if people && k + 1 < toks.len() && toks[k].is_word() && !toks[k].cap && toks[k].folds_to(WordSet::PeoplePreposition)
    {
        let mut n = k + 1;
        if toks[n].is_word() && toks[n].folded.class == Some(WordClass::Det) {
            n += 1;
        }
        let from = n;
        while n < toks.len() && n - from < 5 && toks[n].is_word() && (toks[n].cap || toks[n].class().is_none()) {
            n += 1;
        }
        let closed = n == toks.len() || matches!(toks[n].kind, TokKind::Punct(_));
        if n > from && closed {
            return Some(Span::new(e, n));
        }
    }
    Some(Span::new(e, k))
}

impl Gender {
    /// The gender a title as written gives (`Mr.`, `Ms.`, `Queen`).
    pub(crate) fn of_title(lex: &Lexicons, t: &str) -> Gender {
        let sets = lex.word_sets(t);
        if sets.contains(WordSet::TitleMale) {
            Gender::Male
        } else if sets.contains(WordSet::TitleFemale) {
            Gender::Female
        } else {
            Gender::Unknown
        }
    }
}

impl EntityKind {
    /// Whether a he/she pronoun can refer to an entity of this kind.
    pub(crate) fn personal(self) -> bool {
        matches!(self, EntityKind::Person)
    }
}

/// The link of a text verb at `v` (`reads`, `read`) to the text phrase `np`
/// that holds the words (`the sign`, `it`): written, no said-on day.
fn text_verb_link(text: &str, toks: &[Token], np: Span, v: usize, res: &mut Resolver) -> Option<Link> {
    let (entity, how) = res.resolve_np(toks, np, toks[np.start].start)?;
    Some(Link {
        entity,
        mention: res.phrase(toks, np).into(),
        cue: text[toks[v].start..toks[v].end].into(),
        cue_class: Some(CueClass::Write),
        said_on: None,
        how,
    })
}
