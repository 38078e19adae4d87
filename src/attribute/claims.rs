//! Reported claims: the clause a cue reports, as `indirect` rows (no quote
//! marks inside) or `mixed` rows (quoted words inside; those words are also
//! `direct` rows).
//!
//! Patterns, each a `rule` id (`indirect.PATTERN/RESOLUTION`):
//! - `that`: `X said/confirmed/denied … that CLAUSE` (the cue may carry an
//!   object and adverbials first: `told reporters on Wednesday that`);
//! - `clause`: `X said CLAUSE` for cues that take a bare clause (classes
//!   say, add, write, claim, warn, emphasise, believe);
//! - `trailing`: `CLAUSE, the Kremlin said.` / `CLAUSE, he said, adding …`;
//! - `object`: other cues report their object when they have no clause
//!   (`rejected Moscow's proposal to hold talks`, `declined to comment`,
//!   `endorsed Mrs. Clinton`) — the statement as the text gives it;
//! - `colon`: a speaker label (`JOEL BENENSON: This is a man who …`);
//! - `according`: `According to X, CLAUSE` and `CLAUSE, according to X.`;
//! - `parenthetical`: `CLAUSE, the lawyers said, REST` — the clause is not
//!   contiguous, so the row spans the whole sentence (a row's quote is always
//!   the slice `start..end` of the text);
//! - participles hang on the clause before them: `…, noting that CLAUSE`.
//!
//! The clause runs from after the cue (and `that`) to the end of the
//! sentence, stopping before a chained cue (`, adding …`, `, but noted …`),
//! before another speaker's clause (`, while Peskov said …`), and before a
//! narrator's aside about the speaker (`, but he had not provided …`), and
//! before a second reporting verb of the same speaker (`… and accused Z of
//! …`, its own row). An object also ends before a relative clause, a time or
//! cause clause or a participial adjunct after a comma; a dateline before a
//! dash is never part of a claim; a passive cue (`is expected to`) names no
//! source and gives no row.
//! Not claims: questions (`asked whether …`), the addressee of `told`, the
//! words after the cue of a direct quotation (`"…," he told CNN`), and a
//! complement that is only a direct quotation (`Peskov said: "…"` is a
//! direct row; after `that` it is also a mixed row: `told the AP that "…"`).

use super::{Attribution, Engine, Unit};
use crate::lexicon::{CueClass, Lexicons, WordClass, WordSet};
use crate::mentions::{TokKind, Token, fold, strip_possessive};
use crate::rule::{Pattern, Resolution};
use crate::span::Span;

/// A reported clause found in a unit.
pub(crate) struct Claim {
    pub start: usize,
    pub end: usize,
    pub mixed: bool,
    /// Index into the unit's attributions.
    pub attr: usize,
    pub pattern: Pattern,
}

impl CueClass {
    /// Whether a cue of this class can close a sentence as its attribution
    /// ("…, the Kremlin said."); "…, he declined." cannot.
    fn can_trail(self) -> bool {
        use CueClass::*;
        matches!(
            self,
            Say | Add | Write | Claim | Confirm | Announce | Report | Warn | Emphasise | Believe | Know | Describe
        )
    }

    /// Whether its verbs take a bare clause ("Peskov said the talks …");
    /// the others report a clause only with a complementiser ("confirmed
    /// that …").
    fn takes_bare_clause(self) -> bool {
        matches!(self, CueClass::Say | CueClass::Add | CueClass::Write | CueClass::Believe | CueClass::Know)
    }
}

/// Where, in a unit's tokens, cues and (linked, uninverted) speaker phrases
/// start: computed once per unit, so finding a clause's end is linear.
pub(crate) struct Starts {
    cue: Vec<bool>,
    np: Vec<bool>,
    /// The conjunction before a second verb of the same subject: `X said A
    /// and apologised for B`, `called Y "…" and accused Z of …`.
    coord: Vec<bool>,
    /// The tokens of quotations that are a title or a name, not speech
    /// (`NBC's "Meet the Press"`): part of the phrase they stand in.
    /// (Mostly none: an empty vector allocates nothing.)
    titles: Vec<usize>,
}

impl Starts {
    fn of(text: &str, toks: &[Token], attrs: &[Attribution], not_speech: &[bool], lex: &Lexicons) -> Starts {
        let n = toks.len() + 1;
        // (the unit's own quotations only: `not_speech` holds every quotation
        // of the document, and a document may hold 100,000)
        let titles =
            toks.iter().enumerate().filter(|(_, t)| t.quote().is_some_and(|q| not_speech[q])).map(|(k, _)| k).collect();
        let mut s = Starts { cue: vec![false; n], np: vec![false; n], coord: vec![false; n], titles };
        for (bi, b) in attrs.iter().enumerate() {
            s.cue[b.cue.start] = true;
            if let Some(np) = b.np.filter(|_| !b.inverted && b.link.is_some()) {
                s.np[np.start] = true;
            }
            if let Some(k) = coordinated_verb(text, toks, attrs, bi, lex) {
                s.coord[k] = true;
            }
        }
        s
    }
}

/// The conjunction before the cue of `attrs[bi]` when that cue is a second
/// verb of the speaker of the cue before it (`X said A and apologised`,
/// `… but asked …`): the cue has no subject of its own, follows `and`/`but`,
/// and has the tense of the cue before it. A verb of another tense belongs
/// to the reported clause (`Peskov said Moscow has never refused contact but
/// believes …`: `believes` agrees with `Moscow`, not with `said`).
fn coordinated_verb(text: &str, toks: &[Token], attrs: &[Attribution], bi: usize, lex: &Lexicons) -> Option<usize> {
    let b = &attrs[bi];
    if b.np.is_some() || b.link.as_ref().is_none_or(|l| l.how != Resolution::Participle) {
        return None;
    }
    let j = super::verb_group_start(text, toks, b.cue.start, lex);
    if j == 0 || !toks[j - 1].is_word() || !toks[j - 1].is(WordSet::Coordinator) {
        return None;
    }
    let prev = attrs[..bi].iter().rev().find(|a| a.link.is_some() && a.cue_id.is_some())?;
    // (the base form is not the past: `said X has time to step up and
    // show that …` — `show` agrees with the clause's subject; after an
    // auxiliary any verb is in its base form: `said A and will ask B`)
    let after_aux = j < b.cue.start;
    let tense = |a: &Attribution| {
        let w = fold(toks[a.cue.start].text(text));
        if w.ends_with("ing") {
            0
        } else if w.ends_with('s') && !w.ends_with("ss") {
            1
        } else if !after_aux && a.cue_id.is_some_and(|c| *lex.cues[c].lemma == *w) {
            3
        } else {
            2
        }
    };
    (tense(prev) == tense(b)).then_some(j - 1)
}

impl Engine {
    pub(crate) fn find_claims(
        &self,
        text: &str,
        unit: &Unit,
        attrs: &[Attribution],
        not_speech: &[bool],
    ) -> Vec<Claim> {
        let toks = &unit.tokens;
        let starts = Starts::of(text, toks, attrs, not_speech, &self.lex);
        let mut out = Vec::new();
        for (ai, a) in attrs.iter().enumerate() {
            if a.link.is_none() {
                continue;
            }
            let Some(cue) = a.cue_id.map(|c| &self.lex.cues[c]) else {
                // `Name: words` — a speaker label; its words are a claim,
                // after a stage direction (`VARGA: (Laughs.) You would …`;
                // alone in its sentence, the turn's words start after it)
                let mut from = a.cue.end;
                if toks.get(from).is_some_and(|t| t.is_punct('('))
                    && let Some(c) = (from + 1..toks.len().min(from + 8)).find(|&k| toks[k].is_punct(')'))
                {
                    from = c + 1;
                    if toks[from..].iter().all(|t| !t.is_word()) {
                        let at = toks[c].end;
                        out.push(Claim { start: at, end: at, mixed: false, attr: ai, pattern: Pattern::Colon });
                        continue;
                    }
                }
                if let Some(Span { start: s, end: e }) = trim_clause(text, toks, from, toks.len())
                    && toks[s..e].iter().any(|t| t.is_word())
                {
                    let mixed = toks[s..e].iter().any(|t| t.quote().is_some());
                    out.push(Claim {
                        start: toks[s].start,
                        end: toks[e - 1].end,
                        mixed,
                        attr: ai,
                        pattern: Pattern::Colon,
                    });
                }
                continue;
            };
            let class = cue.class;
            // (`asked that their privacy be respected` is a request: a claim)
            let request = class == CueClass::Ask
                && toks.get(a.cue.end).is_some_and(|t| t.is_word() && t.folds_to(WordSet::Complementiser));
            if (class == CueClass::Ask && !request) || inside_question(toks, a, attrs, &self.lex) {
                continue; // a question reported is not a claim
            }
            // The cue of a direct quotation (`"…," Umerov wrote on Facebook`)
            // reports a clause only with "that".
            let after_quote =
                quote_before(toks, if a.inverted { a.cue.start } else { a.np.map_or(a.cue.start, |np| np.start) });
            // `Prices are expected to rise`, `he was charged with …`: a
            // passive cue names no source (its subject is what was said or
            // done), so it gives no row.
            if passive(text, toks, a) {
                continue;
            }
            let lemma = cue.lemma.as_str();
            // `is recalling 84,000 seats`: a cue that reports only clauses,
            // in the progressive, is an act
            if self.lex.word_sets(lemma).contains(WordSet::ClauseOnlyLemma)
                && a.cue.start > 0
                && toks[a.cue.start].text(text).ends_with("ing")
                && toks[a.cue.start - 1].is_word()
                && toks[a.cue.start - 1].folds_to(WordSet::BeForm)
            {
                continue;
            }
            // `sees the plan as a threat`: an object only with "as"
            let as_lemma = self.lex.word_sets(lemma).contains(WordSet::AsCueLemma);
            let bare_ok = class.takes_bare_clause() && lemma != "tell" && !after_quote && !as_lemma;
            // Other cues report their object when they have no clause:
            // "rejected Moscow's proposal to hold talks", "declined to comment".
            let object_ok = (as_lemma
                || !class.takes_bare_clause()
                    && !matches!(class, CueClass::Continue | CueClass::According | CueClass::Ask))
                && lemma != "tell"
                && !after_quote;
            let span = if class == CueClass::According {
                self.according_clause(text, toks, a)
            } else if let Some(sp) = class.can_trail().then(|| as_clause(text, toks, a)).flatten() {
                Some(sp)
            } else if let Some(sp) = class
                .can_trail()
                .then(|| trailing_clause(text, toks, a, attrs, not_speech))
                .flatten()
                .filter(|sp| !attrs.iter().any(|b| b.cue.start >= sp.0 && b.cue.end <= sp.1 && self.is_question(b)))
            {
                Some(sp)
            } else if a.inverted {
                None
            } else {
                self.forward_clause(text, toks, a, &starts, bare_ok, object_ok)
            };
            let Some((s, e, pattern)) = span else { continue };
            let s = if s == 0 { dateline_end(text, toks) } else { s };
            let Some(Span { start: s, end: e }) = trim_clause(text, toks, s, e) else { continue };
            // `speaking on condition of anonymity`, `spoke on the condition
            // that she not be named`: the terms of speaking, not a statement
            if pattern == Pattern::Object && fold(toks[s].text(text)) == "on" && {
                let k = if toks.get(s + 1).is_some_and(|t| t.is(WordSet::DefiniteArticle)) { s + 2 } else { s + 1 };
                toks.get(k).is_some_and(|t| t.is_word() && fold(t.text(text)) == "condition")
            } {
                continue;
            }
            // `maintained a lead` (only `maintained that …` is speech);
            // `spoke Hebrew`, `spoke for 77 minutes` (only a topic: `spoke
            // about jobs`)
            if pattern == Pattern::Object {
                let sets = self.lex.word_sets(lemma);
                if sets.contains(WordSet::ClauseOnlyLemma)
                    || (sets.contains(WordSet::TopicOnlyLemma) && !toks[s].folds_to(WordSet::TopicPreposition))
                {
                    continue;
                }
            }
            // `declined to comment`, `refused to say where`: a refusal to
            // speak is no statement (a refusal to act is: `refused to pay`)
            if pattern == Pattern::Object
                && self.lex.word_sets(lemma).contains(WordSet::RefusalLemma)
                && toks[s].is(WordSet::Infinitive)
                && toks.get(s + 1).is_some_and(|t| {
                    let v = fold(t.text(text));
                    t.is_word() && self.lex.cues.iter().any(|c| *c.lemma == *v)
                })
            {
                continue;
            }
            // `is recalling 80,000 jars`: a cue that reports only clauses
            // takes a bare clause only when it has a verb of its own
            // (`recalled he had met her`)
            if pattern == Pattern::Clause
                && self.lex.word_sets(lemma).contains(WordSet::ClauseOnlyLemma)
                && !toks[s..e].iter().any(|t| {
                    t.is_word()
                        && !t.cap
                        && (t.folds_to(WordSet::ClauseVerb) || {
                            let w = t.text(text);
                            w.ends_with("ed")
                                || w.ends_with("'s")
                                || w.ends_with("’s")
                                || w.ends_with("n't")
                                || w.ends_with("n’t")
                        })
                })
            {
                continue;
            }
            if as_lemma && pattern == Pattern::Object && !toks[s..e].iter().any(|t| t.is(WordSet::PredicativeAs)) {
                continue; // "saw him there again": no statement
            }
            // a complement that is only a quotation is a direct row already
            // (`Peskov said: "…"`), unless `that` makes it a reported clause
            // whose words are quoted (`told the AP that "…"`): a mixed row
            let words = toks[s..e].iter().filter(|t| t.is_word()).count();
            if words == 0 && pattern != Pattern::That {
                continue;
            }
            let mixed = toks[s..e].iter().any(|t| t.quote().is_some());
            out.push(Claim { start: toks[s].start, end: toks[e - 1].end, mixed, attr: ai, pattern });
        }
        // An object statement, or a verb chained with "and"/"but", inside
        // another claim is part of that claim ("Peskov said Moscow maintains
        // its willingness …", "… has never refused contact but believes …").
        let spans: Vec<(usize, usize, usize)> = out.iter().map(|c| (c.start, c.end, c.attr)).collect();
        // (`quoted NAME as saying …`: an object that opens with the speaker
        // of another claim introduces that claim)
        let speakers: Vec<usize> = out
            .iter()
            .filter_map(|c| {
                let a = &attrs[c.attr];
                a.np.filter(|np| !a.inverted && np.end + 1 == a.cue.start && toks[np.end].is(WordSet::AsWord))
                    .map(|np| toks[np.start].start)
            })
            .collect();
        out.retain(|c| !(matches!(c.pattern, Pattern::Object | Pattern::Clause) && speakers.contains(&c.start)));
        out.retain(|c| {
            let inherited = attrs[c.attr].link.as_ref().is_some_and(|l| l.how == Resolution::Participle);
            !(c.pattern == Pattern::Object || inherited)
                || !spans.iter().any(|&(s, e, ai)| {
                    ai != c.attr && s <= toks[attrs[c.attr].cue.start].start && toks[attrs[c.attr].cue.start].end <= e
                })
        });
        out
    }

    fn is_question(&self, a: &Attribution) -> bool {
        a.cue_id.is_some_and(|c| self.lex.cues[c].class == CueClass::Ask)
    }

    /// `According to X, CLAUSE` / `CLAUSE, according to X.`
    fn according_clause(&self, text: &str, toks: &[Token], a: &Attribution) -> Option<(usize, usize, Pattern)> {
        let np = a.np?;
        // (`But according to X, CLAUSE` opens with a conjunction only)
        let before = (0..a.cue.start).any(|k| {
            toks[k].quote().is_some()
                || (toks[k].is_word()
                    && !(k == 0 && (toks[k].folds_to(WordSet::Coordinator) || toks[k].folds_to(WordSet::ClauseLink))))
        });
        if before {
            // `CLAUSE, according to X`: up to the comma before the cue
            let mut e = a.cue.start;
            while e > 0 && matches!(toks[e - 1].kind, TokKind::Punct(',' | '—' | '–' | '(')) {
                e -= 1;
            }
            // `Fundraising, according to the campaign, has surged`: the
            // clause goes on after the source; the row spans the sentence
            // (the source may run on past its phrase: `according to a State
            // Department official, …`)
            let k = (np.end..toks.len().min(np.end + 4))
                .take_while(|&k| toks[k].is_word() || toks[k].is_punct(','))
                .find(|&k| toks[k].is_punct(','))
                .unwrap_or(np.end);
            if toks.get(k).is_some_and(|t| t.is_punct(','))
                && toks.get(k + 1).is_some_and(|t| {
                    (t.is_word() && !t.is(WordSet::RelativePronoun))
                        || matches!(t.kind, TokKind::Punct('$' | '£' | '€'))
                })
                && toks[k + 1..].iter().filter(|t| t.is_word()).count() >= 2
            {
                return (e > 0).then_some((0, toks.len(), Pattern::According));
            }
            return (e > 0).then_some((0, e, Pattern::According));
        }
        // (after the cue too: a pronoun inside it is the source, `по его словам`)
        let mut s = np.end.max(a.cue.end);
        // the source may run on past its phrase (`According to early results
        // of exit polls conducted for the AP and TV networks, …`)
        // (`According to USA TODAY contributor and historian NAME, …`: a
        // job word after the name goes on to the comma too)
        let goes_on = toks.get(np.end).is_some_and(|t| {
            t.is_word()
                && !t.cap
                && (t.folds_to(WordSet::Preposition)
                    || t.folds_to(WordSet::Coordinator)
                    || t.folds_to(WordSet::Job)
                    || t.text(text).ends_with("ed"))
        }) || super::description_then_name(toks, np.end).is_some(); // (a description, then a name)
        if goes_on
            && let Some(c) = (np.end..toks.len().min(np.end + 10))
                .take_while(|&k| toks[k].is_word() || toks[k].is_punct(','))
                .find(|&k| toks[k].is_punct(','))
        {
            s = c;
        }
        if s < toks.len() && toks[s].is_punct(',') {
            s += 1;
            // an apposition after the name: "According to Dmitry Peskov,
            // press secretary to Russian President Vladimir Putin, the talks …"
            // (not a clause: `According to The Guardian, an email was sent
            // from the club's director, NAME, to …`)
            if let Some(c) = (s..toks.len().min(s + 14)).find(|&k| toks[k].is_punct(','))
                && toks[s].is_word()
                && !toks[s].cap
                && toks[s].class() != Some(WordClass::Stop)
                && !toks[s..c]
                    .iter()
                    .any(|t| t.is_word() && (t.folds_to(WordSet::BeForm) || t.folded.class == Some(WordClass::Aux)))
            {
                s = c + 1;
            }
        }
        (s < toks.len()).then_some((s, toks.len(), Pattern::According))
    }

    /// `X said (that) CLAUSE` and its relatives.
    fn forward_clause(
        &self,
        text: &str,
        toks: &[Token],
        a: &Attribution,
        starts: &Starts,
        bare_ok: bool,
        object_ok: bool,
    ) -> Option<(usize, usize, Pattern)> {
        let lemma = a.cue_id.map_or("", |c| self.lex.cues[c].lemma.as_str());
        let tell_ok = self.lex.word_sets(lemma).contains(WordSet::AddresseeCueLemma) && !a.inverted;
        let w = |k: usize| toks[k].text(text);
        let start = aside_after(toks, a.cue.end).unwrap_or(a.cue.end);
        // the next cue bounds where this cue's `that` may be (not a
        // participle that describes a phrase's noun: `said in a notice
        // posted on its website that …`)
        let reduced = |k: usize| {
            k >= 3
                && toks[k].text(text).ends_with("ed")
                && toks[k - 1].is_word()
                && !toks[k - 1].cap
                && toks[k - 1].folded.class.is_none()
                && toks[k - 2].is_word()
                && toks[k - 2].folded.class == Some(WordClass::Det)
                && toks[k - 3].is_word()
                && toks[k - 3].folds_to(WordSet::Preposition)
        };
        let next_cue = (a.cue.start + 1..toks.len()).find(|&k| starts.cue[k] && !reduced(k)).unwrap_or(toks.len());
        let limit = toks.len().min(start + 14).min(next_cue);
        let that = self.find_that(text, toks, a, &starts.titles, start, limit);
        let (s, pattern) = match that {
            Some(k) => (k + 1, Pattern::That),
            None => {
                if tell_ok && let Some(s) = self.after_addressee(toks, start) {
                    let e = self.clause_end(text, toks, s, starts, false);
                    return (e > s).then_some((s, e, Pattern::Clause));
                }
                // `said in a statement Thursday night they pulled …`, `told a
                // gathering in Washington she will …`: a short phrase, then a
                // clause with a pronoun subject
                if (bare_ok || tell_ok)
                    && let Some(s) = pronoun_clause_after(text, toks, start, next_cue, tell_ok)
                {
                    let e = self.clause_end(text, toks, s, starts, false);
                    return (e > s).then_some((s, e, Pattern::Clause));
                }
                if !bare_ok && !object_ok {
                    return None;
                }
                let mut s = start;
                // where a weekday right after the cue ends ("called Wednesday for …")
                let mut after_day = usize::MAX;
                // `said last year it would …`: a time phrase, then the
                // clause's subject (not `said this week was …`)
                if s + 2 < toks.len()
                    && toks[s].is_word()
                    && !toks[s].cap
                    && toks[s].is(WordSet::TimeDeictic)
                    && toks[s + 1].is_word()
                    && toks[s + 1].is(WordSet::TimeUnit)
                    && toks[s + 2].is_word()
                    && (toks[s + 2].folds_to(WordSet::SubjectStart)
                        || toks[s + 2].cap && toks[s + 2].class() != Some(WordClass::NonName))
                {
                    s += 2;
                }
                // adverbs between the cue and the clause: "said later", "said on Wednesday"
                while s < toks.len() && toks[s].is_word() && {
                    let x = fold(w(s));
                    (toks[s].folded.class == Some(WordClass::Aux) && !toks[s].folds_to(WordSet::Reflexive))
                        || (x.len() > 4 && x.ends_with("ly"))
                } {
                    s += 1;
                }
                if s + 1 < toks.len() && toks[s].is(WordSet::DateOn) && toks[s + 1].cap {
                    s += 2;
                } else if s + 1 < toks.len() && toks[s].cap && toks[s + 1].is_word() && self.lex.is_weekday_word(w(s)) {
                    s += 1; // "said Friday the curfew would be lifted"
                    after_day = s;
                }
                // `said "it gets me mad" every time he …`: a quotation that
                // opens the reported clause, which goes on after it in the
                // writer's words, is a mixed row (the quotation alone, or one
                // followed only by punctuation, is the direct row already)
                if bare_ok && s < toks.len() && toks[s].quote().is_some() && !starts.titles.contains(&s) {
                    let e = self.clause_end(text, toks, s, starts, false);
                    let goes_on = toks[s + 1..e].iter().any(|t| t.is_word());
                    return goes_on.then_some((s, e, Pattern::Clause));
                }
                if s >= toks.len() || !toks[s].is_word() {
                    return None;
                }
                // "said in a statement", "wrote on Facebook" — but an
                // infinitive is an object: "declined to comment"
                // a prepositional object right after the cue: "declined to
                // comment", "called for a ban", "warned of a recession",
                // "railed against the deal", "spoke about jobs"
                // ("spoke to TASS" names an addressee, not a statement)
                // "compared to last year": `compare`/`liken` take their
                // object before the preposition (`compared X to Y`)
                let prep_ok = object_ok
                    && (s == start || (s == after_day && s == start + 1))
                    && !self.lex.word_sets(lemma).contains(WordSet::ObjectFirstLemma)
                    && if toks[s].is(WordSet::Infinitive) {
                        !self.lex.word_sets(lemma).contains(WordSet::AddresseeToLemma)
                    } else {
                        toks[s].is(WordSet::ObjectPreposition)
                    };
                // "said no one was hurt", "said no decision had been made":
                // `no` before a noun opens the clause's subject ("said no",
                // "said no to the plan" do not)
                let subject_no = toks[s].is(WordSet::NegativeDet)
                    && toks.get(s + 1).is_some_and(|t| t.is_word() && !t.is(WordSet::Preposition) && !t.cap);
                // "said about half the votes were counted": an approximator
                // before a number opens the subject too
                let subject_count = toks[s].is(WordSet::Approximator)
                    && toks.get(s + 1).is_some_and(|t| {
                        super::is_count(text, t)
                            || (t.is(WordSet::IndefiniteArticle)
                                && toks.get(s + 2).is_some_and(|t| super::is_count(text, t)))
                    });
                // "said little about the injury": an amount, then what of
                // (`said much of the damage was …`: an amount of, a subject)
                if toks[s].folds_to(WordSet::IndefinitePronoun)
                    && toks.get(s + 1).is_some_and(|t| {
                        t.is_word() && t.folds_to(WordSet::Preposition) && !t.folds_to(WordSet::NameJoiner)
                    })
                {
                    return None;
                }
                if toks[s].is(WordSet::Preposition) && !prep_ok && !subject_no && !subject_count {
                    return None;
                }
                // (a cue that ends in a preposition takes an object:
                // `complained about speeding on the road`)
                let clause = bare_ok && !(a.cue.end > a.cue.start + 1 && toks[a.cue.end - 1].is(WordSet::Preposition));
                (s, if clause { Pattern::Clause } else { Pattern::Object })
            }
        };
        // (a time or cause clause right after the cue is an adjunct, not
        // what was said: `fold without warning while a child …`)
        if pattern != Pattern::That
            && toks[s].is_word()
            && !toks[s].cap
            && (toks[s].is(WordSet::AdjunctSubordinator) && !toks[s].folds_to(WordSet::PredicativeAs)
                || toks[s].is(WordSet::ClauseLink) && toks[s].is(WordSet::Subordinator))
            // (`said when I announced it, I was …`: a clause fronted inside
            // what was said, its main clause after the comma)
            && !toks[s..].iter().any(|t| t.is_punct(','))
        {
            return None;
        }
        let mut e = self.clause_end(text, toks, s, starts, pattern == Pattern::Object);
        // `Those who want to ban abortion said …`, `A candidate who wants
        // to unseat X is reaping …`: what a relative clause's cue reports
        // ends where the sentence's own verb resumes (its next cue, or for
        // an object, a verb form after a word)
        if a.link.as_ref().is_some_and(|l| l.how == Resolution::Relative) {
            // `NAME - who said X - spoke …`: a relative clause set off by
            // dashes ends at the second
            let dash = |k: usize| matches!(toks[k].kind, TokKind::Punct('—' | '–' | '-'));
            if let Some(np) = a.np
                && np.start > 0
                && dash(np.start - 1)
                && let Some(k) = (s + 1..e).find(|&k| dash(k))
            {
                e = k;
            }
            let resumes = |k: usize| {
                // a finite cue after a noun (not `in declining health`)
                (starts.cue[k]
                    && toks[k - 1].is_word()
                    && !toks[k - 1].folds_to(WordSet::Preposition)
                    && toks[k - 1].folded.class != Some(WordClass::Det)
                    && !fold(toks[k].text(text)).ends_with("ing"))
                    || (pattern == Pattern::Object
                        && k > s + 1
                        && !toks[s].folds_to(WordSet::SubjectPronoun)
                        && toks[k - 1].is_word()
                        && {
                            let t = &toks[k];
                            t.is_word()
                                && !t.cap
                                && (t.folds_to(WordSet::BeForm)
                                    || (t.folded.class == Some(WordClass::Aux)
                                        && !t.folds_to(WordSet::Adverb)
                                        && !fold(t.text(text)).ends_with("ly")))
                        })
            };
            if let Some(k) = (s + 1..e).find(|&k| resumes(k)) {
                e = k;
            }
        }
        (e > s).then_some((s, e, pattern))
    }

    /// The complementizer "that" of the cue `a`, searched from `start`: it
    /// may follow an object and adverbials ("told reporters on Wednesday
    /// that", "said during an address on Monday that"), but not a verb ("says
    /// his man has … that need"), a pronoun subject ("said she would … that"),
    /// a preposition ("to that conclusion"), or a direct object of a verb
    /// that takes none ("says a violent hit that used to …": a relative).
    fn find_that(
        &self,
        text: &str,
        toks: &[Token],
        a: &Attribution,
        titles: &[usize],
        start: usize,
        limit: usize,
    ) -> Option<usize> {
        let w = |k: usize| toks[k].text(text);
        let lemma = a.cue_id.map_or("", |c| self.lex.cues[c].lemma.as_str());
        let takes_object = self.lex.word_sets(lemma).contains(WordSet::ObjectCueLemma);
        let mut saw_prep = false;
        for k in start..limit {
            match toks[k].kind {
                // a quoted title is part of the phrase before `that`
                // (`said on NBC's "Meet the Press" on Sunday that`)
                TokKind::Quote(_) if titles.contains(&k) => {}
                TokKind::Quote(_) | TokKind::Punct(':' | '.' | ';') => return None,
                TokKind::Word => {
                    let t = &toks[k];
                    if t.folds_to(WordSet::Complementiser) {
                        // after a preposition it is a determiner (`concluded
                        // in that case that …`, `came to that conclusion`)
                        if k > start && toks[k - 1].folds_to(WordSet::Preposition) {
                            continue;
                        }
                        // `said engineers had found a cable near the junction
                        // and that services …`: after an object and `and`, a
                        // second clause of the cue before
                        if k > start + 1 && toks[k - 1].is_word() && toks[k - 1].is(WordSet::Coordinator) {
                            return None;
                        }
                        // `rejected that argument, ruling …`: a determiner
                        // before one noun that ends the phrase
                        if toks.get(k + 1).is_some_and(|n| {
                            n.is_word()
                                && !n.cap
                                && n.folded.class.is_none()
                                && !n.folds_to(WordSet::SubjectPronoun)
                                // (`that 40,000 homes`: a number, not a noun)
                                && !n.text(text).starts_with(|c: char| c.is_ascii_digit())
                        }) && toks.get(k + 2).is_none_or(|n| matches!(n.kind, TokKind::Punct(',' | '.' | ';' | ':')))
                        {
                            return None;
                        }
                        // (`ruled 5-4 that`: a score or count is no object)
                        let object = k > start
                            && !saw_prep
                            && toks[k - 1].is_word()
                            && !toks[k - 1].cap
                            && !toks[k - 1].text(text).starts_with(|c: char| c.is_ascii_digit());
                        if object && !takes_object && t.folded.class != Some(WordClass::Aux) {
                            let prev = fold(w(k - 1));
                            if toks[k - 1].folded.class != Some(WordClass::Aux) && !prev.ends_with("ly") {
                                return None;
                            }
                        }
                        return Some(k);
                    }
                    if t.folds_to(WordSet::Preposition) {
                        saw_prep = true;
                        continue;
                    }
                    if t.folds_to(WordSet::SubjectPronoun) {
                        return None; // a clause has begun
                    }
                    let verbish = t.folded.class == Some(WordClass::Aux)
                        && !fold(w(k)).ends_with("ly")
                        && !t.folds_to(WordSet::Adverb);
                    let be = t.folds_to(WordSet::BeForm);
                    if (verbish || be) && k > start {
                        return None;
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// `told [the National Post] [last week] CLAUSE`: skip the addressee
    /// (and a time phrase) and return where a clause with its own subject
    /// begins, if one does.
    fn after_addressee(&self, toks: &[Token], start: usize) -> Option<usize> {
        let word = |k: usize| toks.get(k).is_some_and(|t| t.is_word());
        let mut k = start;
        if !word(k) {
            return None;
        }
        if toks[k].folds_to(WordSet::Addressee) {
            k += 1;
        } else {
            if toks[k].folded.class == Some(WordClass::Det) {
                k += 1;
            }
            let mut caps = 0;
            while word(k) && (toks[k].cap || (toks[k].is(WordSet::NameJoiner) && word(k + 1) && toks[k + 1].cap)) {
                k += 1;
                caps += 1;
            }
            if caps == 0 {
                let mut lower = 0;
                // (`told police they …`: a source noun is an addressee too)
                while word(k)
                    && lower < 2
                    && !toks[k].cap
                    && matches!(toks[k].folded.class, None | Some(WordClass::Source))
                    && !toks[k].is(WordSet::Preposition)
                    && !toks[k].folds_to(WordSet::SubjectStart)
                {
                    k += 1;
                    lower += 1;
                }
                if lower == 0 {
                    return None;
                }
            }
        }
        // a time phrase: "last week", "on Monday", "this week"
        if word(k + 1) && toks[k].is(WordSet::TimeDeictic) && (toks[k + 1].cap || toks[k + 1].is(WordSet::TimeUnit)) {
            k += 2;
        }
        if !word(k) {
            return None;
        }
        // (`told reporters this was …`: a demonstrative before a verb is
        // the subject, not a time like `this week`)
        let subject = toks[k].folds_to(WordSet::SubjectStart)
            || (toks[k].cap && toks[k].class() != Some(WordClass::NonName))
            || (toks[k].folds_to(WordSet::DefiniteDet)
                && toks.get(k + 1).is_some_and(|t| {
                    t.is_word() && (t.folds_to(WordSet::BeForm) || t.folded.class == Some(WordClass::Aux))
                }));
        // a clause goes on after its subject's first word or name: in
        // "told the newspaper Der Seebote." the name is the addressee's
        let mut j = k + 1;
        while toks[k].cap && word(j) && toks[j].cap {
            j += 1;
        }
        (subject && toks.get(j).is_some_and(|t| t.is_word() || t.quote().is_some())).then_some(k)
    }

    /// Whether a time adjunct that closes what was said starts at token
    /// `k`: `this week`, `last month`, `on Monday`, `on March 3`, `in June`,
    /// `Friday`, followed by the end, punctuation, or a phrase of place or
    /// time (`on his radio show`, `at a rally`), not by more of the object
    /// (`slammed X on Monday over his stance`).
    fn time_adjunct(&self, text: &str, toks: &[Token], k: usize) -> bool {
        let t = &toks[k];
        // (cheap tests first: most words open no time adjunct)
        if !t.is_word()
            || !(t.cap || t.folds_to(WordSet::TimeDeictic) || t.folds_to(WordSet::DateOn) || t.text(text) == "in")
        {
            return false;
        }
        // (the calendar's shape filter first: most capitalised words name no day)
        let day = |x: &Token| x.is_word() && x.cap && self.lex.is_weekday_word(x.text(text));
        let month = |x: &Token| {
            x.is_word()
                && x.cap
                && self.lex.may_name_day(x.text(text).as_bytes())
                && self.lex.month(&fold(x.text(text))).is_some()
        };
        let n = toks.get(k + 1).filter(|n| n.is_word());
        let len = if day(t) {
            1
        } else if let Some(n) = n {
            if (t.folds_to(WordSet::TimeDeictic) && !t.cap && n.is(WordSet::TimeUnit))
                || (t.folds_to(WordSet::DateOn) && day(n))
                || (*fold(t.text(text)) == *"in" && month(n))
            {
                2
            } else if t.folds_to(WordSet::DateOn) && month(n) {
                let number = toks
                    .get(k + 2)
                    .is_some_and(|x| x.is_word() && x.text(text).starts_with(|c: char| c.is_ascii_digit()));
                2 + usize::from(number)
            } else {
                return false;
            }
        } else {
            return false;
        };
        toks.get(k + len).is_none_or(|x| !x.is_word() || x.folds_to(WordSet::ScenePreposition))
    }

    /// Where a clause starting at `s` ends: the unit's end, or before a
    /// chained cue, another speaker's clause, or an aside about the speaker.
    /// An `object` (a noun phrase, no clause of its own) also ends before
    /// what the narrator adds about it after a comma: a relative clause
    /// (`announced a hub, which will …`), a time or cause clause (`reported a
    /// drop, as rates fell`), a participial adjunct (`…, ending a debate`), or
    /// a contrasting clause (`…, while liberal groups …`, `…, but …`).
    fn clause_end(&self, text: &str, toks: &[Token], s: usize, starts: &Starts, object: bool) -> usize {
        // `While Ramos said that X, he appears …`: a claim inside a fronted
        // subordinate clause ends at that clause's comma.
        // (or at a quotation whose comma is inside its marks: `When NAME
        // said that X was "the only choice," I assumed …`)
        let fronted = toks.first().is_some_and(|t| t.is_word() && t.folds_to(WordSet::Subordinator));
        let quote_comma = |t: &Token| {
            t.quote().is_some()
                && t.text(text).trim_end_matches(|c: char| !c.is_alphanumeric() && c != ',').ends_with(',')
        };
        // (not one that a conjunction or another cue goes on from: `says he
        // "loves China," and "…"`; `referred to X and said he would "…,"`)
        let closes_quote = |k: usize| {
            quote_comma(&toks[k])
                && !toks.get(k + 1).is_some_and(|t| t.folds_to(WordSet::And) || t.folds_to(WordSet::Coordinator))
                && !(s..k).any(|j| starts.cue[j])
        };
        if fronted
            && !toks[..s].iter().any(|t| t.is_punct(',') || quote_comma(t))
            && let Some(c) = (s..toks.len()).find(|&k| toks[k].is_punct(',') || closes_quote(k))
        {
            return if toks[c].is_punct(',') { c } else { c + 1 };
        }
        let is_cue_at = |k: usize| starts.cue[k];
        let np_at = |k: usize| starts.np[k];
        let dash = |t: &Token| matches!(t.kind, TokKind::Punct('—' | '–'));
        // where a parenthesis between dashes ends (`half — 55 percent — of
        // the voters`): the clause goes on after it
        let mut resume = 0;
        for k in s..toks.len() {
            if k < resume {
                continue;
            }
            // `defended his endorsement this week on his radio show`: an
            // object ends before a time adjunct, which says when it was
            // said, not what
            if object && k > s && toks[k - 1].is_word() && self.time_adjunct(text, toks, k) {
                return k;
            }
            // `called the descent "dangerous" in a statement on Thursday`:
            // nor does the medium it was said in
            if object && k > s + 1 && medium_adjunct(toks, k) {
                return k;
            }
            if k > s
                && dash(&toks[k])
                && let Some(c) = (k + 2..toks.len().min(k + 10)).find(|&c| dash(&toks[c]))
                && (k + 1..c).all(|j| toks[j].is_word() && !is_cue_at(j) && !np_at(j))
                && toks.get(c + 1).is_some_and(|t| t.is_word())
            {
                resume = c + 1;
                continue;
            }
            // `… and apologised for B`: a second verb of the same speaker
            // (also after a cue inside the clause: `said she welcomed the
            // vote but asked …` — the second verb is the speaker's)
            if starts.coord[k] {
                return k;
            }
            // `X accuses Y of A and Z says B`: a second clause with its own
            // speaker, joined without a comma
            if k > s
                && toks[k].is_word()
                && toks[k].is(WordSet::Coordinator)
                && (np_at(k + 1)
                    || (toks.get(k + 1).is_some_and(|t| t.class() == Some(WordClass::Det)) && np_at(k + 2)))
            {
                return k;
            }
            // a comma, or a quotation that ends in one (`as "constructive," while …`)
            let comma_quote = toks[k].quote().is_some() && {
                let q = toks[k].text(text);
                q.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ',').ends_with(',')
            };
            if !matches!(toks[k].kind, TokKind::Punct(',' | ';' | '—' | '–')) && !comma_quote {
                continue;
            }
            // (after a quotation that ends in a comma, the claim ends after
            // it and the next token follows at once)
            let (k, n) = if comma_quote { (k + 1, k + 1) } else { (k, k + 1) };
            if n >= toks.len() {
                break;
            }
            // ", adding …", ", noting that …" (not the clause's own verb
            // after an aside behind its subject: `she, too, wants …`)
            let subject_aside = toks[k].is_punct(',')
                && (k.saturating_sub(4)..k).rev().find(|&o| toks[o].is_punct(',')).is_some_and(|o| {
                    o > s
                        && toks[o - 1].is_word()
                        && toks[o - 1].folds_to(WordSet::SubjectPronoun)
                        && toks[o + 1..k].iter().all(|t| t.is_word() && !t.cap)
                });
            // `described how, growing up, he …`: an aside right after the
            // word that opens an embedded question; the question goes on
            // after it
            if k == s + 1
                && toks[k].is_punct(',')
                && toks[s].is_word()
                && toks[s].folds_to(WordSet::Interrogative)
                && let Some(c) = (n + 1..toks.len().min(n + 10)).find(|&c| toks[c].is_punct(','))
            {
                resume = c + 1;
                continue;
            }
            if is_cue_at(n) && !subject_aside {
                return k;
            }
            if toks[n].is_word() {
                if toks[n].is(WordSet::ClauseLink) {
                    // ", but noted …", ", while Peskov said …", ", but he had not …"
                    if n + 1 < toks.len()
                        && (is_cue_at(n + 1)
                            || np_at(n + 1)
                            || (toks[n + 1].is_word() && toks[n + 1].folds_to(WordSet::LinkSubject)))
                    {
                        return k;
                    }
                }
                // ", Peskov said …" / ", the Kremlin said": a new attribution
                if np_at(n) {
                    return k;
                }
                // `said he met Smith, who agreed …`: a relative clause that
                // closes the sentence describes the last noun, in the
                // narrator's words (one that closes with a comma may sit
                // inside the subject: `said the bill, which passed, would …`;
                // one with a cue of its own is attributed: `…, which he said
                // are …`)
                if toks[k].is_punct(',')
                    && toks[n].is(WordSet::RelativePronoun)
                    && !toks[n..].iter().any(|t| t.is_punct(',') || t.quote().is_some())
                    && !(n..toks.len()).any(&is_cue_at)
                {
                    return k;
                }
                if object && toks[k].is_punct(',') && {
                    let t = &toks[n];
                    t.is(WordSet::RelativePronoun)
                        || t.is(WordSet::AdjunctSubordinator)
                        || (t.is(WordSet::ClauseLink) && !t.is(WordSet::And))
                        || (participle(text, t)
                            // not a list of gerunds or adjectives: "eliminating
                            // caucuses, limiting …", "a kind, loving and …"
                            && !participle(text, &toks[s])
                            && toks.get(n + 1).is_some_and(|x| x.is_word() && !x.is(WordSet::Coordinator))
                            && !toks[s..k].iter().any(|x| x.is_punct(':')))
                } {
                    return k;
                }
            }
        }
        toks.len()
    }
}

/// Whether the cue of `a` is a passive participle after a form of *be*
/// (`are expected to`, `was charged with`, `is widely known`), its speaker
/// phrase the subject to its left.
fn passive(text: &str, toks: &[Token], a: &Attribution) -> bool {
    if a.inverted || a.cue.end != a.cue.start + 1 {
        return false;
    }
    let w = fold(toks[a.cue.start].text(text));
    if !(w.ends_with("ed") || w.ends_with("wn") || w.ends_with("ood")) {
        return false;
    }
    let mut j = a.cue.start;
    while j > 0 && toks[j - 1].is_word() && super::is_aux(text, &toks[j - 1]) && !toks[j - 1].folds_to(WordSet::BeForm)
    {
        j -= 1;
    }
    j > 0 && toks[j - 1].is_word() && toks[j - 1].folds_to(WordSet::BeForm)
}

/// Where a dateline or a live-blog timestamp that opens the unit ends
/// (`MERIDA FALLS, Valdoria (Wire) — The government …`, `WASHINGTON -`,
/// `09:12 — Dock workers …`): after its dash, when everything before the
/// dash is capitalised words, numbers and punctuation and the first word is
/// in capitals or a number; else 0.
pub(super) fn dateline_end(text: &str, toks: &[Token]) -> usize {
    let Some(first) = toks.first().filter(|t| t.is_word()) else { return 0 };
    // a rubric label opening the sentence: `Driving the news: …`, `Yes,
    // but: …`, `Update: …` (one to four words, the first capitalised, and
    // words after the colon)
    if first.cap
        && let Some(c) = (1..toks.len().min(6)).find(|&k| !toks[k].is_word() && !toks[k].is_punct(','))
        && toks[c].is_punct(':')
        && toks[..c].iter().filter(|t| t.is_word()).count() <= 4
        && toks.get(c + 1).is_some_and(|t| t.is_word() && t.cap)
        && toks[c + 2..].iter().filter(|t| t.is_word()).count() >= 3
    {
        return c + 1;
    }
    let w = first.text(text);
    let caps = w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
    if !caps && !w.starts_with(|c: char| c.is_ascii_digit()) {
        return 0;
    }
    for (k, t) in toks.iter().enumerate().take(12) {
        match t.kind {
            TokKind::Punct('—' | '–' | '-') => return if k + 1 < toks.len() { k + 1 } else { 0 },
            TokKind::Punct('.' | '!' | '?' | ';') | TokKind::Quote(_) => return 0,
            TokKind::Punct(_) => {}
            TokKind::Word => {
                if !t.cap && !t.text(text).starts_with(|c: char| c.is_ascii_digit()) {
                    return 0;
                }
            }
        }
    }
    0
}

/// A present participle opening an adjunct (`ending`, `putting`), not a
/// preposition such as `including`.
pub(super) fn participle(text: &str, t: &Token) -> bool {
    let w = t.text(text);
    t.is_word()
        && !t.cap
        && w.len() > 5
        && w.ends_with("ing")
        && t.folded.class.is_none()
        && !t.is(WordSet::Preposition)
}

/// Whether the token before `k` (skipping commas and dashes) is a quote.
fn quote_before(toks: &[Token], k: usize) -> bool {
    let mut j = k;
    while j > 0 && matches!(toks[j - 1].kind, TokKind::Punct(',' | '—' | '–' | '-')) {
        j -= 1;
    }
    j > 0 && toks[j - 1].quote().is_some()
}

/// `CLAUSE, the Kremlin said.` — the speaker and cue close the sentence, or
/// a clause that a chained cue continues (`…, he said, adding: …`).
/// Whether `in a statement`, `in his letter`, `in a blog post` starts at
/// `k` and closes the sentence or comes before another phrase: the medium
/// of a statement, not a part of what was said.
fn medium_adjunct(toks: &[Token], k: usize) -> bool {
    let t = &toks[k];
    if !t.is_word() || t.cap || !t.folds_to(WordSet::HomePreposition) || !t.folds_to(WordSet::ScenePreposition) {
        return false;
    }
    if !toks.get(k + 1).is_some_and(|d| d.is_word() && !d.cap && d.folds_to(WordSet::IndefiniteDet)) {
        return false;
    }
    (k + 2..toks.len().min(k + 4)).any(|h| {
        toks[h].is_word()
            && !toks[h].cap
            && toks[h].folded.class == Some(WordClass::Source)
            && toks.get(h + 1).is_none_or(|x| !x.is_word() || x.folds_to(WordSet::Preposition))
            && toks[k + 2..h].iter().all(|x| x.is_word() && !x.cap && x.folded.class.is_none())
    })
}

/// Whether the words after a cue open an infinitive, its object (`promised
/// to scrap the tax`), not an adverbial (`said to reporters`, `told to the
/// press`).
fn infinitive_object(text: &str, tail: &[Token]) -> bool {
    tail.first().is_some_and(|t| t.is_word() && t.is(WordSet::Infinitive))
        && tail.get(1).is_some_and(|n| {
            n.is_word()
                && !n.cap
                && n.folded.class.is_none()
                && !n.folds_to(WordSet::IndefiniteDet)
                && !super::is_plural(n.text(text))
        })
}

/// Whether `words` open a description of a person before a name: a
/// determiner (`his top aide`, `one resident`), or a body's possessive
/// name and a lower-case noun (`Harrowgate's chief executive`).
fn opens_description(text: &str, words: &[Token]) -> bool {
    match words {
        [first, ..] if first.is_word() && !first.cap => {
            first.folded.class == Some(WordClass::Det) || first.folds_to(WordSet::IndefiniteDet)
        }
        [first, second, ..] => {
            first.is_word()
                && strip_possessive(first.text(text)).1
                && second.is_word()
                && !second.cap
                && !second.folds_to(WordSet::Preposition)
        }
        _ => false,
    }
}

fn trailing_clause(
    text: &str,
    toks: &[Token],
    a: &Attribution,
    attrs: &[Attribution],
    not_speech: &[bool],
) -> Option<(usize, usize, Pattern)> {
    let head = if a.inverted { a.cue.start } else { a.np?.start };
    if head == 0 {
        return None;
    }
    // `A spokesman for the governor, Ben Ortiz, said …`: a name set off by
    // commas right before its cue is an apposition to the description
    // before it, not the speaker of a clause that ends there
    if !a.inverted
        && let Some(np) = a.np
        && toks.get(np.end).is_some_and(|t| t.is_punct(','))
        && np.end + 1 == a.cue.start
        && toks[head - 1].is_punct(',')
        // (the description opens the sentence: `CLAUSE, his aide, NAME,
        // told X.` is a clause and its attribution)
        && !toks[..head - 1].iter().any(|t| t.is_punct(',') || t.quote().is_some())
    {
        return None;
    }
    // `…, who announced he is leaving.`: a relative clause reports nothing
    // of the clause before it
    if !a.inverted && toks[head].is_word() && toks[head].folds_to(WordSet::RelativePronoun) {
        return None;
    }
    // before the speaker: a comma, or a quotation whose comma is inside its
    // marks (`The strategy is a "very welcome tack," he said.`)
    let e = if toks[head - 1].is_punct(',') {
        if head >= 2 && toks[head - 2].quote().is_some() {
            return None; // a plain direct quotation
        }
        head - 1
    } else if let Some(q) = toks[head - 1].quote() {
        // (not a title's comma: `the studio behind "Salt Road," said …`)
        if not_speech[q] {
            return None;
        }
        let inner = toks[head - 1].text(text).trim_end_matches(|c: char| !c.is_alphanumeric() && c != ',');
        if !inner.ends_with(',') || !toks[..head - 1].iter().any(|t| t.is_word()) {
            return None;
        }
        head
    } else {
        return None;
    };
    // `CLAUSE, his top aide, NAME, told X.`: the description before the
    // name is not part of the clause
    let e = match (e.saturating_sub(8)..e).rev().find(|&p| toks[p].is_punct(',')) {
        Some(p)
            if !a.inverted
                && p > 0
                && toks[head - 1].is_punct(',')
                && opens_description(text, &toks[p + 1..e])
                && toks[p + 1..e].iter().all(|t| {
                    t.is_word()
                        && t.folded.class != Some(WordClass::Aux)
                        && !t.folds_to(WordSet::BeForm)
                        && !t.folds_to(WordSet::Complementiser)
                }) =>
        {
            p
        }
        _ => e,
    };
    // `"…," one resident, NAME, told`: a quotation, then a description of
    // the speaker named after it: a direct quotation, no clause
    if let Some(q) = (0..e).rev().find(|&k| toks[k].quote().is_some())
        && q + 1 < e
        && e - q - 1 <= 4
        && toks[..q].iter().all(|t| !t.is_word())
        && opens_description(text, &toks[q + 1..e])
        && (q + 1..e).all(|k| {
            let t = &toks[k];
            t.is_word()
                && t.folded.class != Some(WordClass::Aux)
                && !t.folds_to(WordSet::BeForm)
                && !t.folds_to(WordSet::Preposition)
        })
    {
        return None;
    }
    // "Last week, Witkoff told …" is a fronted adverbial; a short subject
    // opened by a determiner is a clause the attribution interrupts (`The
    // bridge, Ostrova said, will open in May`).
    let short = toks[..e].iter().filter(|t| t.is_word()).count() < 4 && toks[..e].iter().all(|t| t.quote().is_none());
    let attribution_end = if a.inverted { a.np.map_or(a.cue.end, |np| np.end) } else { a.cue.end };
    let short_subject = short
        && toks[0].is_word()
        && toks[0].folded.class == Some(WordClass::Det)
        && !toks[..e].iter().any(|t| t.is_punct(','))
        // the attribution is only "X said,": "The presenter, NAME, spoke
        // with …" is an apposition
        && toks.get(attribution_end).is_some_and(|t| t.is_punct(','));
    if e == 0 {
        return None;
    }
    // `In Miami, Mr. Regalado said, the mayor is …`, `Cost estimates, he
    // added, were …`: an attribution set between commas after a short
    // opening, the clause going on after it. The clause is not contiguous,
    // so the row spans the whole sentence (as below).
    // (`The presenter, Karen Holt, spoke with …` is an apposition.)
    // (an attribution that closes the sentence reports the short clause
    // before it: `The plan failed, officials said.`)
    let closes_sentence = toks[attribution_end..].iter().all(|t| matches!(t.kind, TokKind::Punct(_)));
    if short && !short_subject && !closes_sentence {
        let apposition = toks[0].is_word() && toks[0].folded.class == Some(WordClass::Det);
        return (!apposition && mid_sentence(text, toks, a, attrs, attribution_end)).then_some((
            0,
            toks.len(),
            Pattern::Parenthetical,
        ));
    }
    // "Speaking at a rally in Florida, Trump called …", "In an interview,
    // she said …": a fronted adverbial, not a clause of its own
    if let Some(first) = toks.first().filter(|t| t.is_word()) {
        let f = fold(first.text(text));
        let adverbial = first.folds_to(WordSet::Preposition)
            || (f.ends_with("ing") && f.len() > 5)
            || first.folds_to(WordSet::AdverbialOpener);
        if adverbial && !toks[..e].iter().skip(1).any(|t| t.is_punct(',')) {
            // but a gerund subject makes a clause the attribution closes
            // (`Seeing his brother suffer led him to …, he said.`), and an
            // attribution between commas goes on with the clause (`When
            // she got inside, she said, there were no ballots`)
            let rest = toks[attribution_end..]
                .iter()
                .take_while(|t| !matches!(t.kind, TokKind::Punct(',' | ':' | ';')))
                .count();
            let tail = &toks[attribution_end..attribution_end + rest];
            // nothing after the cue but an adverbial: `he said in a statement.`
            let adverbial_tail = tail.iter().find(|t| t.is_word()).is_none_or(|t| {
                !t.cap
                    && (t.folds_to(WordSet::Preposition)
                        || t.folds_to(WordSet::Adverb)
                        || fold(t.text(text)).ends_with("ly"))
            });
            let adverbial_tail = adverbial_tail && !infinitive_object(text, tail);
            let closes = adverbial_tail
                && tail.iter().filter(|t| t.is_word()).count() <= 4
                && !tail.iter().any(|t| t.quote().is_some())
                && toks[attribution_end + rest..].iter().all(|t| matches!(t.kind, TokKind::Punct(_)));
            if !closes {
                return mid_sentence(text, toks, a, attrs, attribution_end).then_some((
                    0,
                    toks.len(),
                    Pattern::Parenthetical,
                ));
            }
        }
    }
    // after the cue: a short complement ("on Wednesday", "in a statement"),
    // then the end of the sentence or a chained cue
    let after = if a.inverted { a.np.map_or(a.cue.end, |np| np.end) } else { a.cue.end };
    // `…, said Wilcox, an Orlando Republican who founded …`: an apposition
    // after an inverted speaker runs to the end
    if a.inverted
        && toks.get(after).is_some_and(|t| t.is_punct(','))
        && !toks[after..].iter().any(|t| t.quote().is_some())
        && !attrs.iter().any(|b| b.cue.start > after)
    {
        return Some((0, e, Pattern::Trailing));
    }
    let rest = toks[after..].iter().take_while(|t| !matches!(t.kind, TokKind::Punct(',' | ':' | ';'))).count();
    let tail = &toks[after..after + rest];
    // (a longer tail of prepositional phrases only: `said at a news
    // conference in Pell Springs.`)
    let phrases = tail.first().is_some_and(|t| t.is_word() && !t.cap && t.is(WordSet::Preposition))
        && tail.iter().all(|t| {
            matches!(t.kind, TokKind::Punct('.' | '!'))
                || t.is_word()
                    && t.folded.class != Some(WordClass::Aux)
                    && !t.folds_to(WordSet::BeForm)
                    && !t.folds_to(WordSet::SubjectPronoun)
                    && !t.text(text).ends_with("ing")
        });
    let most = if phrases { 12 } else { 6 };
    // (`…, he learned to drive at nine.`: a cue with an object of its own
    // closes no clause)
    if infinitive_object(text, tail) {
        return None;
    }
    if tail.iter().filter(|t| t.is_word()).count() > most
        || tail.iter().any(|t| t.quote().is_some() || (t.is_word() && t.is(WordSet::Complementiser)))
    {
        return None;
    }
    let next = after + rest;
    let ends = toks[next..].iter().all(|t| matches!(t.kind, TokKind::Punct(_)))
        || (toks[next].is_punct(',') && attrs.iter().any(|b| b.cue.start == next + 1));
    if ends && !short_subject {
        return Some((0, e, Pattern::Trailing));
    }
    if next >= toks.len() {
        return None;
    }
    // `CLAUSE, the ministry said, after a third winter …`: a time or cause
    // clause or a participial adjunct after the attribution is the
    // narrator's; the claim is the clause before it.
    if !short_subject
        && toks[next].is_punct(',')
        && toks.get(next + 1).is_some_and(|t| {
            t.is(WordSet::AdjunctSubordinator)
                || participle(text, t)
                // (`…, the couple said on Sunday, in the clearest sign yet
                // of …`: a prepositional phrase)
                || (t.is_word() && !t.cap && t.is(WordSet::Preposition) && !t.is(WordSet::Infinitive))
        })
    {
        return Some((0, e, Pattern::Trailing));
    }
    // (`…," X said on Tuesday, days before …`, `…, two days after …`: a
    // span of time before it)
    let count = toks.get(next + 1).is_some_and(|t| super::is_count(text, t)) as usize;
    if !short_subject
        && toks[next].is_punct(',')
        && toks.get(next + 1 + count).is_some_and(|t| t.is_word() && t.is(WordSet::TimeUnit))
        && toks.get(next + 2 + count).is_some_and(|t| t.is_word() && t.is(WordSet::AdjunctSubordinator))
    {
        return Some((0, e, Pattern::Trailing));
    }
    // `CLAUSE, the lawyers said, REST`: an attribution set inside the clause.
    // The clause is not contiguous, and a row's quote is always a slice of
    // the text, so the row spans the whole sentence.
    if toks[next].is_punct(',') && toks[next + 1..].iter().any(|t| t.is_word() || t.quote().is_some()) {
        return Some((0, toks.len(), Pattern::Parenthetical));
    }
    None
}

/// `As X noted, CLAUSE`, `CLAUSE, as X noted.` and `CLAUSE, as X noted,
/// REST`: a speaker after `as`, at the start of the unit or after a comma,
/// whose cue takes at most an adverbial (`as Reuters reported on Monday`).
/// Not `as` of time or manner: the cue takes no object or infinitive (`As
/// he spoke to accept the nomination, …`), and `describe` cues are out.
fn as_clause(text: &str, toks: &[Token], a: &Attribution) -> Option<(usize, usize, Pattern)> {
    let np = a.np.filter(|_| !a.inverted && a.link.is_some())?;
    let at = np.start.checked_sub(1)?;
    if !toks[at].is_word() || !toks[at].folds_to(WordSet::AsWord) {
        return None;
    }
    if a.link.as_ref().is_some_and(|l| l.cue_class == Some(CueClass::Describe)) {
        return None;
    }
    let after = a.cue.end;
    let rest = toks[after..].iter().take_while(|t| !matches!(t.kind, TokKind::Punct(_))).count();
    let tail = &toks[after..after + rest];
    let adverbial = tail.first().is_none_or(|t| {
        !t.cap && !t.is(WordSet::Infinitive) && (t.folds_to(WordSet::Preposition) || fold(t.text(text)).ends_with("ly"))
    });
    if !adverbial || tail.len() > 5 || tail.iter().any(|t| t.quote().is_some()) {
        return None;
    }
    let next = after + rest;
    let closes = toks[next..].iter().all(|t| matches!(t.kind, TokKind::Punct(_)));
    let comma_next = toks.get(next).is_some_and(|t| t.is_punct(','))
        && toks.get(next + 1).is_some_and(|t| t.is_word())
        && toks[next + 1..].iter().filter(|t| t.is_word()).count() >= 2;
    // the `as` opens the unit (after a conjunction at most: `But as X said, …`)
    let opens = at == 0 || (at == 1 && toks[0].is_word() && toks[0].folds_to(WordSet::Coordinator));
    if opens {
        return comma_next.then_some((next + 1, toks.len(), Pattern::As));
    }
    if at == 0 || !toks[at - 1].is_punct(',') || !toks[..at - 1].iter().any(|t| t.is_word()) {
        return None;
    }
    if closes {
        Some((0, at - 1, Pattern::As))
    } else if comma_next {
        Some((0, toks.len(), Pattern::As))
    } else {
        None
    }
}

/// Where a clause with a pronoun subject begins after a short phrase that
/// follows a cue (`said in a statement Thursday night they …`, `told a
/// Planned Parenthood gathering in Washington she …`): the phrase is two to
/// seven words with no punctuation, opened by a preposition (or, after a
/// cue with an addressee, a determiner), with no preposition or determiner
/// right before the pronoun.
fn pronoun_clause_after(text: &str, toks: &[Token], start: usize, limit: usize, addressee: bool) -> Option<usize> {
    let first = toks.get(start).filter(|t| t.is_word())?;
    // (a determiner opens an addressee after `told`; after `said` it opens
    // the clause's own subject: `said these talks show they …`)
    if !(first.folds_to(WordSet::Preposition) || (addressee && first.folded.class == Some(WordClass::Det)))
        || first.is(WordSet::Infinitive)
    {
        return None;
    }
    let k = (start + 2..limit.min(start + 8))
        .take_while(|&k| toks[k].is_word())
        .find(|&k| toks[k].folds_to(WordSet::SubjectPronoun))?;
    let prev = &toks[k - 1];
    let ok = !prev.folds_to(WordSet::Preposition)
        && prev.folded.class != Some(WordClass::Det)
        && !prev.folds_to(WordSet::Complementiser)
        // (or a quotation that goes on with the clause: `said in a
        // statement it "does not comment …"`)
        && toks.get(k + 1).is_some_and(|t| {
            t.is_word() || t.quote().is_some() && t.text(text).chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase)
        });
    ok.then_some(k)
}

/// Where the clause begins after an aside set off by commas or dashes right
/// after a cue: `says, win or lose on Tuesday, he is staying`, `said — on
/// the radio, as it happens — that …`, `said, however, that …`. The aside
/// is short, holds no quotation and no sentence punctuation, and a clause
/// (`that` or a subject pronoun) follows it.
fn aside_after(toks: &[Token], s: usize) -> Option<usize> {
    let dash = |t: &Token| matches!(t.kind, TokKind::Punct('—' | '–'));
    let open = toks.get(s)?;
    let closes: &dyn Fn(&Token) -> bool = if open.is_punct(',') {
        &|t: &Token| t.is_punct(',')
    } else if dash(open) {
        &dash
    } else {
        return None;
    };
    let k = (s + 2..toks.len().min(s + 14)).find(|&k| closes(&toks[k]))?;
    if toks[s + 1..k].iter().any(|t| t.quote().is_some() || matches!(t.kind, TokKind::Punct(':' | ';' | '.'))) {
        return None;
    }
    let next = toks.get(k + 1).filter(|t| t.is_word())?;
    (next.folds_to(WordSet::Complementiser) || next.folds_to(WordSet::SubjectPronoun)).then_some(k + 1)
}

/// Whether the attribution ending at token `after` stands between commas
/// inside a clause (`A, X said, B`): a short adverbial complement at most
/// (`said on Monday`), then a comma and a word that opens no cue of its own (`, adding
/// …` chains a cue) and is no quotation (`…, he said, "…"` is direct speech).
fn mid_sentence(text: &str, toks: &[Token], a: &Attribution, attrs: &[Attribution], after: usize) -> bool {
    let rest = toks[after..].iter().take_while(|t| !matches!(t.kind, TokKind::Punct(',' | ':' | ';' | '.'))).count();
    let tail = &toks[after..after + rest];
    let next = after + rest;
    // the cue takes no object of its own (`told an event in Davos, …, that`)
    let adverbial_tail = tail.first().is_none_or(|t| {
        t.is_word()
            && !t.cap
            && !t.is(WordSet::Infinitive)
            && (t.folds_to(WordSet::Preposition) || fold(t.text(text)).ends_with("ly"))
    });
    adverbial_tail
        && a.link.is_some()
        && tail.iter().filter(|t| t.is_word()).count() <= 4
        && !tail.iter().any(|t| t.quote().is_some() || (t.is_word() && t.is(WordSet::Complementiser)))
        && toks.get(next).is_some_and(|t| t.is_punct(','))
        && toks.get(next + 1).is_some_and(|t| t.is_word())
        && !attrs.iter().any(|b| b.cue.start == next + 1)
        && toks[next + 1..].iter().filter(|t| t.is_word()).count() >= 2
}

/// Whether the cue of `a` sits inside a reported question: `Asked if she
/// believed …, Clinton said …` — "believed" belongs to the question.
fn inside_question(toks: &[Token], a: &Attribution, attrs: &[Attribution], lex: &crate::lexicon::Lexicons) -> bool {
    // the nearest question cue before `a`, with no comma between them
    let Some(b) = attrs
        .iter()
        .filter(|b| b.cue.start < a.cue.start && b.cue_id.is_some_and(|c| lex.cues[c].class == CueClass::Ask))
        .max_by_key(|b| b.cue.start)
    else {
        return false;
    };
    !toks[b.cue.end.min(a.cue.start)..a.cue.start].iter().any(|t| t.is_punct(','))
}

/// Drop leading/trailing punctuation; `None` when nothing is left. A sign
/// that belongs to a number stays (`$5`, `30%`), and so does a closing
/// parenthesis whose opening one the clause holds.
fn trim_clause(text: &str, toks: &[Token], mut s: usize, mut e: usize) -> Option<Span> {
    let _ = text;
    let number =
        |k: usize| toks.get(k).is_some_and(|t| t.is_word() && t.text(text).starts_with(|c: char| c.is_ascii_digit()));
    while s < e && matches!(toks[s].kind, TokKind::Punct(c) if !(matches!(c, '$' | '£' | '€') && number(s + 1))) {
        s += 1;
    }
    while e > s
        && matches!(toks[e - 1].kind, TokKind::Punct(c) if !(c == '%' && e >= 2 && number(e - 2)
            || c == ')' && toks[s..e - 1].iter().any(|t| t.is_punct('('))))
    {
        e -= 1;
    }
    (e > s).then_some(Span::new(s, e))
}
