//! Speaker resolution within one document.
//!
//! A speaker phrase resolves, in order, through:
//! - `alias`: the gazetteer (`Zelensky`, `Zelenskiy` → Volodymyr Zelenskyy),
//!   after titles are stripped (`Ukrainian President Volodymyr Zelenskyy`);
//! - `short`: a short form expanded to the full name seen earlier in the
//!   document (`Flynn` → Michael Flynn, `Mr. Trump` → Donald Trump);
//! - `name`: a name nobody has typed, as written (open world);
//! - `pronoun`: `he`/`she` → the person the text is about at that point:
//!   the latest speaker or sentence subject of a compatible gender (not
//!   merely the last capitalised word);
//! - `role`: a gazetteer role held on the document's date (`the Kremlin
//!   spokesman`);
//! - `descriptor`: a description given earlier in the document
//!   (`Russian presidential aide Yuri Ushakov` … `the Kremlin aide`);
//! - `group`: several speakers (`Kiev and Washington`) or an unnamed
//!   source (`local officials`), kept as written.

use super::Engine;
use crate::lexicon::{Gender, WordClass, WordSet};
use crate::mentions::{
    Entity, EntityKind, TokKind, Token, fold, is_capitalised, is_folded, strip_possessive, word_class,
};
use crate::rule::Resolution;
use crate::span::Span;

const MAX_EVENTS: usize = 64;
/// Organisations kept for "the company" (the latest few).
const MAX_ORGS: usize = 16;
/// Full names kept per last word (a family in one article).
const MAX_SHARED_NAMES: usize = 8;

pub(crate) struct Resolver<'a> {
    engine: &'a Engine,
    pub text: &'a str,
    date: Option<&'a str>,
    /// Persons the text has been about, in text order: (offset, entity).
    /// Only the latest `MAX_EVENTS` are kept: a pronoun refers to someone
    /// recent, and memory stays bounded on any document.
    events: std::collections::VecDeque<(usize, Entity)>,
    /// Last word of a full name → the full names seen with it, in the
    /// order they were introduced (relatives share one: `Odile Marchetti`,
    /// `Bianca Marchetti`).
    /// Each with whether it has stood as a sentence subject.
    full_names: rustc_hash::FxHashMap<String, Vec<(String, bool)>>,
    /// A given name (`given_names.tsv`) → the full names of persons seen
    /// opening with it (`Odile` → Odile Marchetti).
    given_full: rustc_hash::FxHashMap<String, Vec<String>>,
    /// The first word of an organisation's name → the names seen opening
    /// with it (`Deltane` → Deltane Chemical).
    org_first: rustc_hash::FxHashMap<String, Vec<String>>,
    /// Descriptor word ("aide", "negotiator") → everyone it has described
    /// (at most `MAX_SHARED_NAMES`): one is whom the description names; of
    /// several, `the senator` is the one the text was about most recently
    /// ([`Resolver::described_one`], [`Resolver::latest_described`]).
    descriptors: rustc_hash::FxHashMap<String, Vec<Entity>>,
    /// A family of roles (`roles.tsv`) → everyone a description of it has
    /// described (`the prelate` after `the Archbishop of Caldmere`).
    role_described: rustc_hash::FxHashMap<u16, Vec<Entity>>,
    /// The latest person a cue linked, and where (for `the striker said`
    /// after that person's statement).
    cue_speaker: Option<(usize, Entity)>,
    /// The latest cue speaker that is one unnamed person described (`a
    /// spokeswoman for the council`, `The official`), where, and the
    /// gender its noun gives: a `she said` right after is theirs, not the
    /// last named woman's.
    unnamed_speaker: Option<(usize, Entity, Gender)>,
    /// Where the unit being read starts, and the unit before it.
    unit_start: usize,
    prev_unit_start: usize,
    /// Organisations that have spoken or stood as a sentence subject, latest
    /// last (for "the company", "the ministry").
    orgs: std::collections::VecDeque<Entity>,
    /// Names an apposition showed to be a body's (`Lumora, the software
    /// company …`): they resolve as organisations.
    /// (With whether the apposition's noun was a business's: `the carrier`,
    /// `the company`; then `the company` may refer to it.)
    learned_orgs: rustc_hash::FxHashMap<String, bool>,
    /// Whether the text holds paragraphs opening with `Q. ` and `A. `
    /// (asked once per document).
    period_labels: Option<bool>,
    /// The subject of the current unit when it opens with a name, and its mention.
    pub unit_subject: Option<(Entity, std::rc::Rc<str>)>,
    /// The token where the unit subject's clause goes on (its verb): a
    /// participle before it is in the subject's apposition, not its clause.
    pub unit_subject_verb: usize,
    /// The day of the latest statement whose day the text gave.
    pub last_said_on: Option<std::rc::Rc<str>>,
    /// The speaker of the latest linked statement and its day, if given.
    pub last_statement: Option<(std::rc::Rc<str>, Option<std::rc::Rc<str>>)>,
    /// Whether names inflect in the language (`name_cases.tsv` has rules),
    /// read once: asked of every capitalised run.
    inflects: bool,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(engine: &'a Engine, text: &'a str, date: Option<&'a str>) -> Resolver<'a> {
        Resolver {
            engine,
            text,
            date,
            events: Default::default(),
            full_names: Default::default(),
            given_full: Default::default(),
            org_first: Default::default(),
            descriptors: Default::default(),
            role_described: Default::default(),
            cue_speaker: None,
            unnamed_speaker: None,
            unit_start: 0,
            prev_unit_start: 0,
            orgs: Default::default(),
            learned_orgs: Default::default(),
            period_labels: None,
            unit_subject: None,
            unit_subject_verb: 0,
            last_said_on: None,
            last_statement: None,
            inflects: !engine.lex.name_cases.is_empty(),
        }
    }

    /// The article's date (ISO), if known.
    pub(super) fn date(&self) -> Option<&'a str> {
        self.date
    }

    fn w(&self, t: &Token) -> &'a str {
        &self.text[t.start..t.end]
    }

    /// A lower-case particle inside a name (`de`, `van`, `al`), as written.
    /// Whether a possessive word is a person's name the text gave (`Doyle's
    /// Ministry` is no body's name).
    fn names_person(&self, w: &str) -> bool {
        let bare = strip_possessive(w).0;
        self.full_names.contains_key(bare) || self.engine.lex.given_name(bare).is_some()
    }

    fn is_name_particle(&self, w: &str) -> bool {
        self.engine.lex.word_sets(w).contains(WordSet::NameParticle)
    }

    fn is_title(&self, w: &str) -> bool {
        let lex = &self.engine.lex;
        // one lookup answers both for a capitalised word (nearly all asked):
        // titles and function words are keys of the word table
        let i = lex.word_info(w);
        let class = if is_capitalised(w) { i.class } else { word_class(w, lex) };
        i.title || matches!(class, Some(WordClass::NonName | WordClass::Det))
    }

    /// The phrase of a token range, as written (whitespace normalised).
    pub(super) fn phrase(&self, toks: &[Token], np: Span) -> String {
        // sized once: at most the text the tokens span
        let len = match &toks[np.start..np.end] {
            [first, .., last] => last.end.saturating_sub(first.start),
            [only] => only.end - only.start,
            [] => 0,
        };
        let mut s = String::with_capacity(len);
        for t in &toks[np.start..np.end] {
            if !s.is_empty() && t.is_word() {
                s.push(' ');
            }
            s.push_str(self.w(t));
        }
        s
    }

    /// Record a person the text is about (a linked speaker).
    pub(super) fn note_speaker(&mut self, e: Entity, pos: usize) {
        // a body by its name ("Northwind Holdings", "Ministry of Defence"),
        // not a description ("The company", "Clinton aides")
        let named = || {
            name_words(&e.name).all(|w| is_capitalised(w) || self.engine.lex.word_sets(w).contains(WordSet::NameJoiner))
                && !self.engine.lex.word_sets(first_word(&e.name)).contains(WordSet::DefiniteArticle)
        };
        if e.kind == EntityKind::Org && named() {
            self.orgs.retain(|o| o.name != e.name);
            if self.orgs.len() == MAX_ORGS {
                self.orgs.pop_front();
            }
            self.orgs.push_back(e);
        } else if e.kind.personal() {
            if self.events.len() == MAX_EVENTS {
                self.events.pop_front();
            }
            self.events.push_back((pos, e));
        }
    }

    /// A cue's speaker, linked at `pos`.
    pub(super) fn note_cue_speaker(&mut self, e: &Entity, pos: usize) {
        if e.kind.personal() {
            self.cue_speaker = Some((pos, e.clone()));
        } else if let Some(gender) = self.one_unnamed_person(&e.name) {
            self.unnamed_speaker = Some((pos, e.clone(), gender));
        }
    }

    /// Whether a description names one person, no one by name (`A
    /// spokeswoman for the council`, `The official`, `a source close to
    /// the talks`): a determiner, then lower-case words whose head (before
    /// any preposition) is a job held for someone (`associate`) or a person
    /// noun (`person_noun` in `words.tsv`); and the gender the noun gives
    /// (`spokeswoman`: a woman).
    fn one_unnamed_person(&self, phrase: &str) -> Option<Gender> {
        let lex = &self.engine.lex;
        let mut words = phrase.split(' ').peekable();
        let first = fold(words.peek()?);
        let sets = lex.word_sets(&first);
        // (a determiner opens it, or the noun stands alone: `official`)
        let mut head = None;
        if sets.contains(WordSet::IndefiniteDet)
            || sets.contains(WordSet::DefiniteDet)
            || sets.contains(WordSet::IndefiniteArticle)
        {
            words.next();
        } else if phrase.contains(' ') {
            return None;
        }
        // the head: the last word before a preposition, else the last
        // (no name or place among its words: `The Florida senator`, `an
        // NBC reporter` are someone the text named)
        for w in words {
            if w.starts_with(char::is_uppercase) {
                return None;
            }
            let lw = fold(w);
            if lex.word_sets(&lw).contains(WordSet::Preposition) {
                break;
            }
            head = Some(lw);
        }
        let head = head?;
        // (a job held for someone else, or a person noun: `the
        // spokeswoman`, `an aide`, `the official`; not `the governor`, `a
        // reporter`, more often someone named or someone who asks)
        let hs = lex.word_sets(&head);
        if !(hs.contains(WordSet::Associate) || hs.contains(WordSet::PersonNoun)) {
            return None;
        }
        Some(if head.ends_with("woman") {
            Gender::Female
        } else if head.ends_with("man") {
            Gender::Male
        } else {
            Gender::Unknown
        })
    }

    /// Learn from a unit before its cues are read: full names (for short
    /// forms) and the sentence subject (for pronouns).
    pub(super) fn note_subject(&mut self, unit: &super::Unit) {
        let toks = &unit.tokens;
        self.prev_unit_start = self.unit_start;
        self.unit_start = toks.first().map_or(self.unit_start, |t| t.start);
        let mut k = 0;
        // The subject stands at the start, or after a fronted adverbial that
        // ends in a comma ("By the end of the day, Mr. Trump …").
        let mut subject_at = toks.iter().take(20).position(|t| t.is_punct(',')).map_or(0, |c| c + 1);
        // A place and its state or country stay in the fronted adverbial,
        // with what follows them up to its comma: "At a rally in Ames,
        // Iowa, on Sunday, NAME …", "Speaking in Salem, New Hampshire, NAME …".
        // (the unit is not looked up yet: word sets are read from the lexicons)
        let (lex, text) = (&self.engine.lex, self.text);
        // (a unit that may hold a cue is looked up already: its entries)
        let looked_up = unit.looked_up;
        let sets = |t: &Token| if looked_up { t.folded.sets } else { lex.word_sets(&fold(t.text(text))) };
        // (the shape first, with no look-up: most commas are no place's)
        if subject_at >= 2 && toks[subject_at - 2].is_word() && toks[subject_at - 2].cap {
            let mut k = subject_at;
            while k < toks.len() && k < subject_at + 3 && toks[k].is_word() && toks[k].cap {
                k += 1;
            }
            if k > subject_at
                && toks.get(k).is_some_and(|t| t.is_punct(','))
                && toks[0].is_word()
                && (sets(&toks[0]).contains(WordSet::Preposition) || fold(self.w(&toks[0])).ends_with("ing"))
                && self.engine.lex.given_name(self.w(&toks[subject_at])).is_none()
            {
                subject_at = k + 1;
                // "…, on Sunday, NAME": the rest of the adverbial
                if toks.get(subject_at).is_some_and(|t| t.is_word() && !t.cap && sets(t).contains(WordSet::Preposition))
                    && let Some(c) = (subject_at + 1..toks.len().min(subject_at + 6)).find(|&c| toks[c].is_punct(','))
                {
                    subject_at = c + 1;
                }
            }
        }
        self.unit_subject = None;
        self.unit_subject_verb = 0;
        // (a dateline's dash only: a label's colon opens a turn, `Q: NAME,
        // OUTLET. …`, read by the transcript)
        // (the shape first: most sentences open with no word in capitals
        // or figures)
        let first_caps = toks.first().is_some_and(|t| {
            let w = self.w(t);
            t.is_word()
                && (w.starts_with(|c: char| c.is_ascii_digit()) || w.len() >= 2 && !w.chars().any(char::is_lowercase))
        });
        let dateline = if first_caps { super::claims::dateline_end(text, toks) } else { 0 };
        let dateline = if dateline > 0 && matches!(toks[dateline - 1].kind, TokKind::Punct('—' | '–' | '-')) {
            dateline
        } else {
            0
        };
        // "He condemned the deal, saying …": a pronoun subject
        for at in [0, subject_at] {
            let Some(t) = toks.get(at).filter(|t| t.is_word()) else { continue };
            let w = self.w(t);
            if self.engine.lex.word_sets(w).contains(WordSet::GenderedPronoun)
                && let Some((Some(e), _)) = self.resolve_np(toks, Span::new(at, at + 1), t.start)
            {
                self.unit_subject = Some((e, w.into()));
            }
        }
        while k < toks.len() {
            if !(toks[k].is_word() && toks[k].cap) {
                k += 1;
                continue;
            }
            let s = k;
            // (a word token carries whether it is capitalised: `cap`)
            while k < toks.len() && toks[k].is_word() && {
                let w = self.w(&toks[k]);
                toks[k].cap && !strip_possessive(w).1
                    || (self.is_name_particle(w) && k + 1 < toks.len() && toks[k + 1].cap)
            } {
                k += 1;
            }
            // include a final possessive word in the run for full names ("Donald Trump's")
            let run_end = if k < toks.len() && toks[k].is_word() && toks[k].cap && strip_possessive(self.w(&toks[k])).1
            {
                k + 1
            } else {
                k
            };
            // (a function word opening the sentence, `The`, `In`, `It`:
            // nothing below reads a one-word run at the start that is no
            // name word, so it is skipped before the work)
            if s == 0 && run_end == 1 && !self.inflects && !self.name_words(toks, 0, 1) {
                k = 1;
                continue;
            }
            // a body named anywhere (`after the Bank of Corvania raised
            // rates`, `the Halbrook Nurses Association said`) is what a later
            // `the bank`, `the association` may refer to
            // (after `the`: a subject or speaker is noted as such below)
            let lex = &self.engine.lex;
            let after_the = s > 0 && toks[s - 1].is_word() && !toks[s - 1].cap && self.w(&toks[s - 1]) == "the";
            // (or where a person is from: `NAME of Halden Bank`, `an analyst
            // at Morrow Securities`; or a passive's agent: `paid for by
            // Corrigan Holdings`)
            // (the head word first: most runs end in none)
            let after_lower = s > 0 && toks[s - 1].is_word() && !toks[s - 1].cap;
            let head_end = after_lower
                && lex.is_org_head(strip_possessive(self.w(&toks[run_end - 1])).0)
                && (after_the || {
                    let sets = lex.word_sets(self.w(&toks[s - 1]));
                    sets.contains(WordSet::HomePreposition) || sets.contains(WordSet::AgentPreposition)
                });
            // (`Bank of Corvania`: a head word, `of`, a name)
            let mut org_end = run_end;
            if head_end
                && toks.get(run_end).is_some_and(|t| {
                    t.is_word() && !t.cap && lex.word_sets(&fold(self.w(t))).contains(WordSet::NameJoiner)
                })
                && toks.get(run_end + 1).is_some_and(|t| t.is_word() && t.cap)
            {
                org_end = run_end + 1;
                while org_end < toks.len()
                    && toks[org_end].is_word()
                    && toks[org_end].cap
                    && !strip_possessive(self.w(&toks[org_end])).1
                {
                    org_end += 1;
                }
            }
            if (org_end > run_end || (run_end > s + 1 && head_end))
                && let Some((e, _)) = self.resolve_name(toks, s, org_end, s)
                && e.kind == EntityKind::Org
            {
                self.note_speaker(e, toks[s].start);
            }
            // The run opens a clause: at the start (after a timestamp or a
            // dateline's marks, "09:40 —"), or after a semicolon.
            // (a dateline or rubric label before it: `ELLANBY, 3 November
            // 2026 — NAME, the charity, …`; the dateline itself opens
            // nothing)
            let opens = if s < dateline {
                false
            } else {
                s == dateline
                    || toks[..s].iter().all(|t| {
                        if t.is_word() {
                            self.w(t).bytes().all(|b| b.is_ascii_digit())
                        } else {
                            [':', '—', '–', '-'].iter().any(|&c| t.is_punct(c))
                        }
                    })
            };
            let after_semicolon = s > 0 && toks[s - 1].is_punct(';');
            // after one possessive name: "Germany's Chancellor NAME …"
            let after_possessive = s == 1 && toks[0].is_word() && toks[0].cap && strip_possessive(self.w(&toks[0])).1;
            let opens = opens || after_semicolon || after_possessive;
            let names = self.strip_titles(toks, s, run_end);
            let names = if self.inflects { (self.name_start(toks, names.0, names.1), names.1) } else { names };
            // In a language whose names inflect, a person named in any case
            // is someone the text is about (`следует из слов пресс-секретаря
            // Дмитрия Пескова. В пятницу он сказал …`: he is Peskov)
            if self.inflects
                && names.1 > names.0
                && names.1 - names.0 <= 3
                && self.engine.gaz.may_be_name_form(self.w(&toks[names.1 - 1]))
                && let Some((e, Resolution::Alias)) = self.resolve_name(toks, names.0, names.1, s)
                && e.kind == EntityKind::Person
            {
                self.note_speaker(e, toks[names.0].start);
            }
            // the sentence opens with the name, or it follows a fronted
            // adverbial and a verb follows it ("By then, NAME had …"; not
            // an apposition: "by her son, NAME, who …")
            // `Among the protesters was NAME, 34, who …`: a subject after its
            // verb, the sentence opening with a phrase of place
            // (shapes first: asked of every capitalised run)
            let inverted = s >= 3
                && toks[s - 1].is_word()
                && !toks[s - 1].cap
                && toks[s - 1].end - toks[s - 1].start <= 4
                && toks[0].is_word()
                && toks[1..s - 1].iter().all(|t| t.is_word() && !t.cap)
                && sets(&toks[s - 1]).contains(WordSet::BeForm)
                && sets(&toks[0]).contains(WordSet::Preposition);
            let subject = opens
                || inverted
                || s == subject_at && run_end < toks.len() && toks[run_end].is_word() && !toks[run_end].cap;
            if inverted
                && names.1 - names.0 >= 2
                && let Some((e, _)) = self.resolve_name(toks, names.0, names.1, s)
                && e.kind.personal()
            {
                self.note_speaker(e, toks[s].start);
            }
            if names.1 - names.0 >= 2 && self.name_words(toks, names.0, names.1 - 1) {
                let parts: Vec<&str> = (names.0..names.1).map(|j| strip_possessive(self.w(&toks[j])).0).collect();
                self.learn_full_name(&parts, subject);
                // `brothers Callum and Rory Deverell`: a given name before
                // `and` shares the surname (both known as given names, the
                // first no surname of the text's)
                if names.1 - names.0 == 2
                    && names.0 == s
                    && s >= 2
                    && toks[s - 1].is_word()
                    && !toks[s - 1].cap
                    && sets(&toks[s - 1]).contains(WordSet::And)
                    && toks[s - 2].is_word()
                    && toks[s - 2].cap
                    && (s < 3 || !(toks[s - 3].is_word() && toks[s - 3].cap))
                    && self.engine.lex.given_name(self.w(&toks[s - 2])).is_some()
                    && self.engine.lex.given_name(parts[0]).is_some()
                    && !self.full_names.contains_key(self.w(&toks[s - 2]))
                {
                    let first = self.w(&toks[s - 2]);
                    self.learn_full_name(&[first, parts[1]], true);
                    self.learn_full_name(&parts, true);
                }
            } else if names.1 - names.0 == 1
                && toks.get(run_end).is_some_and(|t| t.quote().is_some())
                && self.engine.lex.given_name(self.w(&toks[names.0])).is_some()
            {
                // a nickname quoted inside a name: `Luca "The Hammer" Bellini`
                let mut e = run_end + 1;
                while e < toks.len() && toks[e].is_word() && toks[e].cap && !strip_possessive(self.w(&toks[e])).1 {
                    e += 1;
                }
                if e > run_end + 1 && e - run_end <= 3 && self.name_words(toks, run_end + 1, e) {
                    let mut parts = vec![self.w(&toks[names.0])];
                    parts.extend(toks[run_end + 1..e].iter().map(|t| self.w(t)));
                    self.learn_full_name(&parts, subject);
                }
            }
            // "White House adviser Jane Okafor": remember the description;
            // so too in an apposition closed on both sides ("her son,
            // Peter Okafor, said")
            // (a title in capitals after an article too: `the Speaker,
            // Dame NAME`)
            let describes = |d: usize| {
                d > 0
                    && toks[d - 1].is_word()
                    && if toks[d - 1].cap {
                        d >= 2
                            && toks[d - 2].is_word()
                            && !toks[d - 2].cap
                            && toks[d - 2].end - toks[d - 2].start <= 5
                            && self.is_det(&toks[d - 2])
                            && self.is_descriptor(self.w(&toks[d - 1]))
                    } else {
                        self.is_descriptor(self.w(&toks[d - 1]))
                    }
            };
            let apposition = s >= 2
                && toks[s - 1].is_punct(',')
                && describes(s - 1)
                && toks.get(run_end).is_none_or(|t| t.is_punct(',') || t.is_punct('.'));
            let desc_end = if apposition { s - 1 } else { s };
            let mut d = desc_end;
            while describes(d) {
                d -= 1;
            }
            // `defender and captain NAME`: a description coordinated with it
            let mut coordinated = None;
            if d < desc_end
                && d >= 2
                && toks[d - 1].is_word()
                && sets(&toks[d - 1]).contains(WordSet::And)
                && describes(d - 1)
            {
                coordinated = Some(d - 2);
                d -= 1;
                while describes(d) {
                    d -= 1;
                }
            }
            // `Judge Paulette Okwu stopped her`, `Sen. Dolores Aguirre
            // pressed …`: a title stripped from a person's name is how `the
            // judge`, `the senator` refers to them later (a job word, or a
            // title with its noun in `titles.txt`)
            if names.0 > s
                && names.1 > names.0
                && let nouns = self.title_nouns(self.w(&toks[names.0 - 1]))
                && !nouns.is_empty()
                && let Some((e, how)) = self.resolve_name(toks, names.0, names.1, s)
                && e.kind.personal()
                // (a surname alone only when it stands for one person:
                // `President Bush` in a text about two Bushes describes
                // neither)
                && (names.1 - names.0 >= 2
                    || how == Resolution::Alias
                    || self.full_names.get(strip_possessive(self.w(&toks[names.1 - 1])).0).is_none_or(|f| f.len() < 2))
            {
                // (or a place in parentheses after the name: `Cllr NAME
                // (Hallam Central)` is `the Hallam Central councillor`)
                let close = (toks.get(run_end).is_some_and(|t| t.is_punct('(')))
                    .then(|| (run_end + 2..toks.len().min(run_end + 6)).find(|&c| toks[c].is_punct(')')))
                    .flatten()
                    .filter(|&c| toks[run_end + 1..c].iter().all(|t| t.is_word() && t.cap));
                match close {
                    Some(c) => self.describe_placed(toks, run_end + 1, c, nouns, &e),
                    None => self.describe_placed(toks, s, names.0 - 1, nouns, &e),
                }
            }
            if d < desc_end
                && names.1 > names.0
                && let Some((e, _)) = self.resolve_name(toks, names.0, names.1, s)
                && e.kind.personal()
            {
                // the head only ("campaign manager": manager)
                self.describe(fold(self.w(&toks[desc_end - 1])).into_owned(), &e);
                if let Some(c) = coordinated {
                    self.describe(fold(self.w(&toks[c])).into_owned(), &e);
                }
            }
            let age_after = (toks.get(run_end).is_some_and(|t| t.is_punct(','))
                && toks.get(run_end + 2).is_some_and(|t| t.is_punct(',') || t.is_punct('.')))
            .then(|| toks.get(run_end + 1).filter(|t| t.is_word()).and_then(|t| age_years(self.w(t))))
            .flatten();
            // `their Scottish manager NAME`, `Brazilian striker NAME`: the
            // nationality is how `the Scot`, `the Brazilian` refers to them
            // later (`roles.tsv` joins `scottish` and `scot`); `NAME, 24,`
            // and `24-year-old NAME`: `the 24-year-old`
            if names.1 > names.0 {
                // (before the description: not a word before a verb,
                // `The Scot admitted NAME's …`)
                let nationality = if d < desc_end {
                    (d.saturating_sub(2)..d).rev().find(|&k| {
                        toks[k].is_word()
                            && toks[k].cap
                            && toks[k + 1..d].iter().all(|t| t.is_word() && !t.cap)
                            && sets(&toks[k]).contains(WordSet::Demonym)
                    })
                } else {
                    None
                };
                let age_before = (d > 0 && toks[d - 1].is_word() && is_age(self.w(&toks[d - 1])))
                    .then(|| fold(self.w(&toks[d - 1])).into_owned());
                if (nationality.is_some() || age_before.is_some() || age_after.is_some())
                    && let Some((e, _)) = self.resolve_name(toks, names.0, names.1, s)
                    && e.kind == EntityKind::Person
                {
                    if let Some(k) = nationality {
                        self.describe(fold(self.w(&toks[k])).into_owned(), &e);
                    }
                    if let Some(age) = age_before.or_else(|| age_after.map(|years| format!("{years}-year-old"))) {
                        self.describe(age, &e);
                    }
                }
            }
            // `NAME, the Archbishop of Caldmere, …`, `NAME, a professor at
            // ORG, …`: an apposition after the name describes the person
            // too (`the archbishop` later is NAME)
            // (after an age too: `NAME, 41, a ranger with ORG, …`)
            let appos_at = if age_after.is_some() { run_end + 3 } else { run_end + 1 };
            if names.1 > names.0
                && toks.get(appos_at - 1).is_some_and(|t| t.is_punct(','))
                && let Some(head) = self.apposition_head(toks, appos_at)
                && let Some((e, _)) = self.resolve_name(toks, names.0, names.1, s)
                && e.kind.personal()
            {
                self.describe(head, &e);
            }
            // `Presenter: NAME.` in a transcript's credits: the one who asks
            // its questions (a job of an interviewer before the colon)
            if names.1 - names.0 >= 2
                && s >= 2
                && toks[s - 1].is_punct(':')
                && toks[s - 2].is_word()
                && sets(&toks[s - 2]).contains(WordSet::Interviewer)
                && toks.get(run_end).is_none_or(|t| t.is_punct('.'))
                && let Some((e, _)) = self.resolve_name(toks, names.0, names.1, s)
                && e.kind.personal()
            {
                self.describe(fold(self.w(&toks[s - 2])).into_owned(), &e);
            }
            // `The chief executive of Northmoor Rail, NAME, conceded …`: an
            // apposition before the name, opening the clause, describes the
            // person too (`the chief executive` later is NAME)
            let lead_at = if subject_at > 0 && s > subject_at { subject_at } else { 0 };
            if names.1 > names.0
                && s >= lead_at + 4
                && toks[s - 1].is_punct(',')
                && toks.get(run_end).is_some_and(|t| t.is_punct(','))
                && toks[lead_at..s - 1].iter().all(|t| t.is_word())
                && let Some(head) = self.description_head(toks, lead_at, true)
                && let Some((e, _)) = self.resolve_name(toks, names.0, names.1, s)
                && e.kind.personal()
            {
                self.describe(head, &e);
            }
            // "Castleford boss NAME was …": a subject introduced with its
            // description (capitalised words, then the description's words)
            let lead = if subject_at > 0 && d >= subject_at { subject_at } else { 0 };
            let described_subject = !apposition && d < s && toks[lead..d].iter().all(|t| t.is_word() && t.cap);
            // "Their nephew, NAME, …": a name in apposition to a subject
            // (`The mayor of Port Alvaro, NAME, …`, `Doyle's predecessor,
            // NAME, …`: a description opening with a determiner or a
            // possessive name, its noun lower-case)
            // (`Outside court, Mr Rusu's daughter, Elena, read …`: after a
            // fronted adverbial too, the possessive after a title)
            let opener = |d: usize| {
                self.is_det(&toks[d])
                    || (toks[d].cap && strip_possessive(self.w(&toks[d])).1)
                    || (toks[d].cap
                        && self.is_title(self.w(&toks[d]))
                        && toks.get(d + 1).is_some_and(|t| t.is_word() && strip_possessive(self.w(t)).1))
            };
            let apposed_subject = (s == subject_at
                && subject_at >= 3
                && opener(0)
                && toks[1..subject_at - 1].iter().all(|t| t.is_word())
                && toks[1..subject_at - 1].iter().any(|t| !t.cap))
                || (subject_at > 0
                    && s >= subject_at + 3
                    && toks[s - 1].is_punct(',')
                    && toks[s - 2].is_word()
                    && !toks[s - 2].cap
                    && toks[subject_at..s - 1].iter().all(|t| t.is_word())
                    && opener(subject_at));
            // `…, when NAME hit a stone slab while ploughing`: a full name
            // opening a subordinate clause is someone the text is about
            // (for pronouns), though not the sentence's subject
            let clause_subject = s >= 2
                && names.1 - names.0 >= 2
                && toks[s - 1].is_word()
                && !toks[s - 1].cap
                && sets(&toks[s - 1]).contains(WordSet::Subordinator)
                && toks[s - 2].is_punct(',');
            if (opens || s == subject_at || described_subject || apposed_subject || clause_subject) && run_end > s {
                let verb_at = |k: usize| {
                    toks.get(k).is_some_and(|t| {
                        t.is_word() && !t.cap && {
                            let set = sets(t);
                            !set.contains(WordSet::Preposition)
                                && !set.contains(WordSet::And)
                                && !set.contains(WordSet::Coordinator)
                        }
                    })
                };
                // past a parenthesis ("Sen. NAME (R-Texas) weighed in") or,
                // for a name opening the sentence, an apposition closed by
                // a comma ("NAME, president of ORG, tied …")
                let after = match toks.get(run_end) {
                    // `Doyle's predecessor, NAME, was …`: the apposition's
                    // closing comma, then the verb
                    Some(t) if t.is_punct(',') && apposed_subject && !opens => Some(run_end + 1),
                    // `Near Colby, NAME, 58, walked …`: an age, then the verb
                    Some(t) if t.is_punct(',') && age_after.is_some() && s == subject_at => Some(run_end + 3),
                    Some(t) if t.is_punct('(') => {
                        (run_end + 1..toks.len().min(run_end + 12)).find(|&k| toks[k].is_punct(')')).map(|k| k + 1)
                    }
                    Some(t) if t.is_punct(',') && (opens || described_subject) => (run_end + 2
                        ..toks.len().min(run_end + 20))
                        .take_while(|&k| toks[k].quote().is_none())
                        .find(|&k| toks[k].is_punct(','))
                        .map(|k| k + 1),
                    _ => None,
                };
                let followed_by_verb =
                    run_end < toks.len() && toks[run_end].is_word() && !toks[run_end].cap || after.is_some_and(verb_at);
                // "NAME, asked about …, laughed.": a name opening the
                // sentence before a comma is what the text is about (for
                // pronouns), though not a speaker for this unit's cues
                let opens_apposition = (opens || apposed_subject) && toks.get(run_end).is_some_and(|t| t.is_punct(','));
                // (a single word opening a clause is no name when it is a
                // function or listed word: `Despite spending …`, `Among the …`)
                if (followed_by_verb || opens_apposition)
                    && names.1 > names.0
                    && (run_end > s + 1 || self.name_words(toks, s, run_end))
                    && let Some((mut e, _)) = self.resolve_name(toks, names.0, names.1, s)
                {
                    // `Lumora, the Vantford-based software company …,`: an
                    // apposition whose noun is a body's makes the name an
                    // organisation, and `the company` refers to it
                    if opens
                        && toks[run_end].is_punct(',')
                        // (a determiner, or a place's possessive: `Tollway
                        // Mobile, Kesland's second-largest carrier,`)
                        && toks.get(run_end + 1).is_some_and(|t| {
                            t.is_word()
                                && (!t.cap && t.end - t.start <= 5 && self.is_det(t)
                                    || t.cap && strip_possessive(self.w(t)).1)
                        })
                        && let Some(noun) = toks[run_end + 2..toks.len().min(run_end + 14)]
                            .iter()
                            .take_while(|t| t.is_word() && !sets(t).contains(WordSet::Preposition))
                            .filter(|t| !t.cap && sets(t).contains(WordSet::BodyNoun))
                            .last()
                    {
                        self.learned_orgs.insert(e.name.to_string(), sets(noun).contains(WordSet::CompanyNoun));
                        e.kind = EntityKind::Org;
                        e.gender = Gender::Unknown;
                        self.describe(fold(self.w(noun)).into_owned(), &e);
                    }
                    // (the subject of a clause after a semicolon is salient,
                    // but not the speaker of the unit's cues)
                    // (nor a place after a fronted preposition: `At Carrick
                    // Junction, …, the message played: "…"`)
                    // (`In Trump's speech, …`: a possessor is who spoke)
                    let after_preposition = s == 0 && names.0 > s && {
                        let set = sets(&toks[0]);
                        set.contains(WordSet::Preposition) && !set.contains(WordSet::Subordinator)
                    };
                    let fronted_place = after_preposition && run_end == k;
                    if followed_by_verb && !after_semicolon && !fronted_place && !clause_subject {
                        self.unit_subject = Some((e.clone(), self.phrase(toks, Span::new(s, run_end)).into()));
                        self.unit_subject_verb = after.filter(|_| !toks[run_end].is_word()).unwrap_or(run_end);
                    }
                    // (a possessor is not what the sentence is about, for
                    // its pronouns: `Iris's coats were the first thing she
                    // had worn …, she said`; but after a preposition it is
                    // who spoke: `In NAME's speech, she …`)
                    if (run_end == k && !fronted_place) || (run_end > k && after_preposition) {
                        self.note_speaker(e, toks[s].start);
                    }
                }
            }
            k = run_end.max(k);
            if k == s {
                k += 1;
            }
        }
    }

    /// Strip titles and openers from the front of a capitalised run,
    /// keeping at least one word: (first name word, end).
    ///
    /// Job and rank words are titles too, wherever they stand before a
    /// name of two or more words: `Cyclist NAME`, `Police Chief NAME`,
    /// `U.S. District Judge NAME`, `Chief Financial Officer NAME` → NAME
    /// (the words before the last job word qualify the job, not the
    /// person). Not in a body's name (`Chief Executive Office`: its last
    /// word is an organisation head), nor in a gazetteer entry.
    fn strip_titles(&self, toks: &[Token], s: usize, e: usize) -> (usize, usize) {
        // one word (most runs): a title alone is no name
        if e == s + 1 {
            let w = self.w(&toks[s]);
            return if self.is_title(w) && self.engine.gaz.lookup(w).is_none() { (e, e) } else { (s, e) };
        }
        let lex = &self.engine.lex;
        // A body's name keeps its title-like words ("State Department",
        // "National Rifle Association"): only openers are stripped.
        let body = lex.is_org_head(self.w(&toks[e - 1]));
        let mut k = s;
        while k + 1 < e && {
            let w = self.w(&toks[k]);
            // (a place's possessive opening a body's name stays: `Montenor's
            // Foreign Ministry`; a person's goes: `Trump's campaign …`)
            // (an age opening a person's name is no part of it:
            // `Nineteen-year-old NAME won …`)
            (if body {
                matches!(word_class(w, lex), Some(WordClass::NonName | WordClass::Det))
            } else {
                self.is_title(w) || self.is_job(w) || is_age(w)
            }) || (strip_possessive(w).1 && (!body || self.names_person(w)))
        } {
            k += 1;
        }
        if k + 1 == e && self.is_title(self.w(&toks[k])) && self.engine.gaz.lookup(self.w(&toks[k])).is_none() {
            return (e, e);
        }
        // `Passenger Hanna Lekovic said`: a word capitalised only by opening
        // the sentence, before a given name and a surname, is a description
        if k == 0 && e == 3 && !body {
            let lex = &self.engine.lex;
            let (w0, w1) = (self.w(&toks[0]), self.w(&toks[1]));
            if lex.given_name(w0).is_none()
                && lex.given_name(w1).is_some()
                && self.engine.gaz.lookup(w0).is_none()
                && self.engine.gaz.lookup(&self.phrase(toks, Span::new(0, 3))).is_none()
            {
                return (1, e);
            }
        }
        if e >= k + 3 && !body {
            // the last job or title word followed by two or more name words
            let job = (k..e - 2).rev().find(|&j| {
                let w = self.w(&toks[j]);
                lex.is_title(w) || self.is_job(w)
            });
            if let Some(j) = job
                && (j + 1..e).all(|n| !self.is_job(self.w(&toks[n])))
                && self.engine.gaz.lookup(&self.phrase(toks, Span::new(k, e))).is_none()
            {
                k = j + 1;
            }
        }
        // `Helen Strand KC`, `Ana Ruiz MP`: letters after a name of two or
        // more words are no part of it
        let mut e = e;
        while e > k + 2 && {
            let w = self.w(&toks[e - 1]);
            // (the shape first, no look-up for most words: capitals, `PhD`)
            (2..=4).contains(&w.len())
                && w.bytes().filter(u8::is_ascii_uppercase).count() >= 2
                && lex.word_sets(w).contains(WordSet::Postnominal)
        } {
            e -= 1;
        }
        (k, e)
    }

    /// Whether the capitalised words `toks[s..e]` may open a person's
    /// name: none is a function word, a listed word or a cue in disguise
    /// (a title-case headline: "Does Rubio", "Media Growls In Response To
    /// Kaine"), unless it is a given name ("Will", "Hope").
    fn name_words(&self, toks: &[Token], s: usize, e: usize) -> bool {
        let lex = &self.engine.lex;
        toks[s..e].iter().all(|t| {
            let w = self.w(t);
            if !t.cap || !lex.may_have_word_info(w) || lex.given_name(w).is_some() {
                return true;
            }
            let i = lex.word_info(&fold(w));
            // (a medium's noun may be a paper's name too: `Post`, `Ledger`)
            let name_like =
                [WordSet::NameParticle, WordSet::Job, WordSet::TitleMale, WordSet::TitleFemale, WordSet::Medium];
            matches!(i.class, None | Some(WordClass::Source))
                && (i.sets.is_empty() || name_like.iter().any(|&set| i.sets.contains(set)))
                && !i.may_start_cue
        })
    }

    /// Learn a full name (for short forms): under its last word, with
    /// whether it stood as a sentence subject, and under its given name.
    fn learn_full_name(&mut self, parts: &[&str], subject: bool) {
        let last = parts[parts.len() - 1];
        // most runs repeat a name already known: compare before allocating
        let known = self
            .full_names
            .get_mut(last)
            .and_then(|fulls| fulls.iter_mut().find(|(full, _)| full.split(' ').eq(parts.iter().copied())));
        if let Some((_, was_subject)) = known {
            *was_subject |= subject;
            return;
        }
        let full = parts.join(" ");
        let kind = kind_of_name(&full, &self.engine.lex);
        // a business only: a place opens many bodies' names (`Ohio State
        // University`, `Texas Tribune`)
        if kind == EntityKind::Org && !self.engine.lex.is_org_head(parts[0]) && self.is_business(&full) {
            let by_first = self.org_first.entry(parts[0].to_string()).or_default();
            if by_first.len() < MAX_SHARED_NAMES && !by_first.contains(&full) {
                by_first.push(full.clone());
            }
        }
        // (a first name no list holds counts when the person opened a
        // sentence: `Poppy Okafor-Lind, 9, has raised …` … `Poppy said`)
        if kind == EntityKind::Person
            && (self.engine.lex.given_name(parts[0]).is_some()
                || (subject && self.engine.gaz.lookup(parts[0]).is_none() && !self.engine.lex.is_title(parts[0])))
        {
            let by_given = self.given_full.entry(parts[0].to_string()).or_default();
            if by_given.len() < MAX_SHARED_NAMES && !by_given.contains(&full) {
                by_given.push(full.clone());
            }
        }
        let fulls = self.full_names.entry(last.to_string()).or_default();
        if fulls.len() < MAX_SHARED_NAMES {
            fulls.push((full, subject));
        }
    }

    /// Whether `w` (not capitalised) may describe the name after it: a
    /// source word, a title or a job word.
    fn is_descriptor(&self, w: &str) -> bool {
        let lex = &self.engine.lex;
        if is_folded(w) {
            // as written and folded it is one word: one lookup answers all
            // three (a title and a function word are keys of the word table)
            let i = lex.word_info(w);
            return i.class == Some(WordClass::Source) || i.title || i.sets.contains(WordSet::Job);
        }
        word_class(w, lex) == Some(WordClass::Source) || lex.is_title(w) || self.is_job(w)
    }

    /// The job word that heads an apposition opening at `toks[a]` with a
    /// determiner (`the agency's budget chief,` → chief; `the Archbishop
    /// of Caldmere,` → archbishop; `a professor at ORG` → professor):
    /// the last word before a preposition, a conjunction or the closing
    /// punctuation, folded; `None` when that word is no job.
    fn apposition_head(&self, toks: &[Token], a: usize) -> Option<String> {
        self.description_head(toks, a, false)
    }

    /// [`Resolver::apposition_head`] of a description at `toks[a]`, whose
    /// determiner may be capitalised when `opening` (it opens the clause:
    /// `The chief executive of ORG, NAME, …`).
    fn description_head(&self, toks: &[Token], a: usize, opening: bool) -> Option<String> {
        let lex = &self.engine.lex;
        let det = toks.get(a).filter(|t| t.is_word() && (opening || !t.cap))?;
        if !self.is_det(det) {
            return None;
        }
        let mut j = a + 1;
        while j < toks.len() && j < a + 6 && toks[j].is_word() && {
            let set = lex.word_sets(&fold(self.w(&toks[j])));
            !set.contains(WordSet::Preposition) && !set.contains(WordSet::And) && !set.contains(WordSet::Coordinator)
        } {
            j += 1;
        }
        if j == a + 1 || j >= toks.len() || j == a + 6 {
            return None;
        }
        let closed = toks[j].is_punct(',') || toks[j].is_punct('.') || toks[j].is_word();
        // (`the former New Jersey governor` is not who `the governor` is)
        if self.titled_modifier(toks, Span::new(a, j)) {
            return None;
        }
        let head = self.w(&toks[j - 1]);
        (closed && !strip_possessive(head).1 && self.is_job(head)).then(|| fold(head).into_owned())
    }

    /// Whether `t` is a determiner (`the`, `their`, `a`), in any case.
    fn is_det(&self, t: &Token) -> bool {
        let w = fold(self.w(t));
        let lex = &self.engine.lex;
        word_class(&w, lex) == Some(WordClass::Det)
            || lex.word_sets(&w).contains(WordSet::IndefiniteDet)
            || lex.word_sets(&w).contains(WordSet::DefiniteDet)
    }

    /// A job, rank or office word (`job` in `words.tsv`), in any case.
    /// The nouns by which a title before a name refers back to the person
    /// (`Judge` → judge, `Sen.` → senator): its nouns in `titles.txt`, else
    /// the folded word when it is a job word; none for other titles (`Mr.`,
    /// `Former`, `State`).
    fn title_nouns(&self, w: &str) -> Vec<String> {
        if let Some(n) = self.engine.lex.title_nouns.get(w) {
            return n.clone();
        }
        if self.is_job(w) { vec![fold(w).into_owned()] } else { Vec::new() }
    }

    fn is_job(&self, w: &str) -> bool {
        let lex = &self.engine.lex;
        lex.may_have_word_info(w) && lex.word_sets(&fold(w)).contains(WordSet::Job)
    }

    /// The full name a short form stands for, among those seen with its
    /// last word (relatives share one): those its title's gender allows
    /// (`Mrs. Marchetti`); of several, those that have stood as a sentence
    /// subject (the people the text is about, not a relative named in
    /// passing); of those, the one the text was about most recently (the
    /// latest speaker or subject), else the latest introduced.
    fn pick_full_name<'f>(&self, fulls: &'f [(String, bool)], title_gender: Gender) -> Option<&'f str> {
        if let [(only, _)] = fulls {
            return Some(only);
        }
        let lex = &self.engine.lex;
        let fits = |full: &str| title_gender.compatible(lex.given_name(first_word(full)).unwrap_or(Gender::Unknown));
        let any_subject = fulls.iter().any(|(f, subject)| *subject && fits(f));
        let candidates =
            || fulls.iter().filter(|(f, subject)| fits(f) && (*subject || !any_subject)).map(|(f, _)| f.as_str());
        let recent = self.events.iter().rev().find_map(|(_, e)| candidates().find(|full| *full == &*e.name));
        recent.or_else(|| candidates().next_back()).or(fulls.last().map(|(f, _)| f.as_str()))
    }

    /// Resolve a name run `toks[s..e]` (titles already stripped, `run_start`
    /// the start of the run with titles, for gender).
    fn resolve_name(&self, toks: &[Token], s: usize, e: usize, run_start: usize) -> Option<(Entity, Resolution)> {
        if s >= e {
            return None;
        }
        let lex = &self.engine.lex;
        let s = if self.inflects { self.name_start(toks, s, e) } else { s };
        let gaz = &self.engine.gaz;
        // the name's words joined, without a vector of them first
        let first = strip_possessive(self.w(&toks[s])).0;
        let mut joined = String::with_capacity(toks[e - 1].end - toks[s].start);
        for (i, t) in toks[s..e].iter().enumerate() {
            if i > 0 {
                joined.push(' ');
            }
            // (a possessive inside a body's name stays: `Montenor's Foreign
            // Ministry`; the name's own is dropped: `Trump's` → Trump)
            joined.push_str(if s + i + 1 == e { strip_possessive(self.w(t)).0 } else { self.w(t) });
        }
        if let Some(i) = gaz.lookup(&joined) {
            return Some((gaz.entity(i, lex), Resolution::Alias));
        }
        if self.inflects
            && let Some(found) = self.resolve_inflected(toks, s, e)
        {
            return Some(found);
        }
        let title_gender = (run_start..s)
            .map(|j| Gender::of_title(&self.engine.lex, self.w(&toks[j])))
            .find(|g| *g != Gender::Unknown)
            .unwrap_or(Gender::Unknown);
        // else the gender the first name usually gives (`given_names.tsv`)
        let gender = |first: &str| match title_gender {
            Gender::Unknown => lex.given_name(first).unwrap_or(Gender::Unknown),
            g => g,
        };
        let titled = title_gender != Gender::Unknown || (run_start..s).any(|j| lex.is_title(self.w(&toks[j])));
        if e - s == 1 {
            // `the CFO`: the initials of a title given before a name
            if first.len() >= 2
                && first.bytes().all(|b| b.is_ascii_uppercase())
                && let Some(ent) = self.described_one(&first.to_ascii_lowercase())
            {
                return Some((ent.clone(), Resolution::Descriptor));
            }
            // `HADDAD:` in a transcript: the surname in capitals
            let title_cased;
            let first = if first.len() >= 3
                && first.chars().all(|c| c.is_uppercase())
                && !self.full_names.contains_key(first)
            {
                let mut cs = first.chars();
                title_cased = cs.next().map(|c| c.to_string() + &cs.as_str().to_lowercase()).unwrap_or_default();
                if self.full_names.contains_key(title_cased.as_str()) { title_cased.as_str() } else { first }
            } else {
                first
            };
            if let Some(full) = self.full_names.get(first).and_then(|fulls| self.pick_full_name(fulls, title_gender)) {
                if let Some(i) = gaz.lookup(full) {
                    return Some((gaz.entity(i, lex), Resolution::Alias));
                }
                let kind = kind_of_name(full, &self.engine.lex);
                let gender = if kind == EntityKind::Org { title_gender } else { gender(first_word(full)) };
                return Some((Entity { name: full.into(), kind, gender }, Resolution::Short));
            }
            // a given name alone stands for the one person seen with it
            if let Some([full]) = self.given_full.get(first).map(Vec::as_slice) {
                let gender = gender(first);
                return Some((
                    Entity { name: full.as_str().into(), kind: EntityKind::Person, gender },
                    Resolution::Short,
                ));
            }
            // the first word of a body's name stands for the one body seen
            // with it ("Deltane" for Deltane Chemical)
            if let Some([full]) = self.org_first.get(first).map(Vec::as_slice) {
                let name = full.as_str().into();
                return Some((Entity { name, kind: EntityKind::Org, gender: Gender::Unknown }, Resolution::Short));
            }
            if self.learned_orgs.contains_key(&joined) {
                return Some((
                    Entity { name: joined.into(), kind: EntityKind::Org, gender: Gender::Unknown },
                    Resolution::Name,
                ));
            }
            let gender = gender(first);
            // (a given name alone, with the gender it gives, is a person:
            // `Ron, 71, who gave only his first name, said …`)
            let person = titled || gender != Gender::Unknown && lex.given_name(first).is_some();
            return Some((
                Entity {
                    name: joined.into(),
                    kind: if person { EntityKind::Person } else { EntityKind::Name },
                    gender,
                },
                Resolution::Name,
            ));
        }
        let kind = if self.learned_orgs.contains_key(&joined) { EntityKind::Org } else { kind_of_name(&joined, lex) };
        let gender = if kind == EntityKind::Org { title_gender } else { gender(first) };
        Some((Entity { kind, name: joined.into(), gender }, Resolution::Name))
    }

    /// A name in an oblique case (`name_cases.tsv`: `Пескова`, `Дмитрия
    /// Пескова`, `Зеленського`): the nominative that names a known speaker
    /// or, for one word, a person named earlier; else, for a given name
    /// and a surname, the nominative by the rules of the given name's
    /// gender (`Михайла Подоляка` → `Михайло Подоляк`). None when no word
    /// has a case ending, or the name is already in the nominative.
    fn resolve_inflected(&self, toks: &[Token], s: usize, e: usize) -> Option<(Entity, Resolution)> {
        const MAX_FORMS: usize = 64;
        if e - s > 3 {
            return None;
        }
        let lex = &self.engine.lex;
        let gaz = &self.engine.gaz;
        // a name of several words is tried only when one of its words may be
        // a case form of a known name's, or its first of a given name
        let words = || toks[s..e].iter().map(|t| strip_possessive(self.w(t)).0);
        if e - s > 1
            && !words().any(|w| gaz.may_be_name_form(w))
            && !words().next().is_some_and(|w| lex.may_be_given_name_form(w))
        {
            return None;
        }
        // each word's forms: itself, then the nominatives it may be a case of
        let forms: Vec<Vec<(String, Gender)>> = toks[s..e]
            .iter()
            .map(|t| {
                let w = strip_possessive(self.w(t)).0;
                std::iter::once((w.to_string(), Gender::Unknown)).chain(lex.nominatives(w)).collect()
            })
            .collect();
        if forms.iter().all(|f| f.len() == 1) {
            return None;
        }
        let mut names = vec![String::new()];
        for f in &forms {
            names = names
                .iter()
                .flat_map(|n| f.iter().map(move |(w, _)| if n.is_empty() { w.clone() } else { format!("{n} {w}") }))
                .take(MAX_FORMS)
                .collect();
        }
        // the first is the name as written, looked up already
        if let Some(i) = names.iter().skip(1).find_map(|n| gaz.lookup(n)) {
            return Some((gaz.entity(i, lex), Resolution::Alias));
        }
        if let [one] = &forms[..] {
            let full = one[1..].iter().find_map(|(w, _)| {
                self.full_names.get(w.as_str()).and_then(|fulls| self.pick_full_name(fulls, Gender::Unknown))
            })?;
            if let Some(i) = gaz.lookup(full) {
                return Some((gaz.entity(i, lex), Resolution::Alias));
            }
            let kind = kind_of_name(full, lex);
            let gender = lex.given_name(first_word(full)).unwrap_or(Gender::Unknown);
            return Some((Entity { name: full.into(), kind, gender }, Resolution::Short));
        }
        // a person named for the first time in an oblique case
        if lex.given_name(&forms[0][0].0).is_some() {
            return None;
        }
        let (given, gender) = forms[0][1..].iter().find_map(|(w, _)| lex.given_name(w).map(|g| (w, g)))?;
        let mut name = given.clone();
        for f in &forms[1..] {
            let pick = f[1..].iter().find(|(_, g)| g.compatible(gender)).unwrap_or(&f[0]);
            name.push(' ');
            name.push_str(&pick.0);
        }
        Some((Entity { name: name.into(), kind: EntityKind::Person, gender }, Resolution::Name))
    }

    /// Where the name in the capitalised run `toks[s..e]` starts. In a
    /// language whose names inflect, a name's complement in the genitive
    /// stands before it in the run (`министр иностранных дел России Сергей
    /// Лавров`, `МИД РФ Мария Захарова`, `речник МЗС Георгій Тихий`): the
    /// person's name starts at the first given name after such words
    /// (a name of two words or more); elsewhere, at `s`.
    fn name_start(&self, toks: &[Token], s: usize, e: usize) -> usize {
        if !self.inflects || e < s + 3 {
            return s;
        }
        // a name in another script after the complement (`спецпосланець
        // президента США Steve Witkoff`): the name is the words of the
        // last script
        let latin = |k: usize| self.w(&toks[k]).chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if let Some(k) = (s + 1..e).rev().find(|&k| latin(k) != latin(k - 1))
            && k + 2 <= e
        {
            return k;
        }
        match (s + 1..e - 1).find(|&k| self.is_given_name_form(self.w(&toks[k]))) {
            Some(k) if !(s..k).any(|j| self.is_given_name_form(self.w(&toks[j]))) => k,
            _ => s,
        }
    }

    /// In a language whose names inflect, a phrase that is a role as a
    /// whole, its first word maybe in an oblique case: the role's holder
    /// (`Глава МИД`, `представитель Кремля`, `очільник МЗС`, `За словами
    /// Президента` → the President). Such a role's complement is
    /// capitalised and would otherwise be read as a name.
    fn resolve_inflected_role(&self, toks: &[Token], np: Span) -> Option<(Option<Entity>, Resolution)> {
        let lex = &self.engine.lex;
        if !self.inflects || np.len() > 6 {
            return None;
        }
        let gaz = &self.engine.gaz;
        // most phrases end in no role's last word: no search
        let last = self.w(&toks[np.end - 1]);
        let ends_a_role = |w: &str| gaz.may_be_role(&fold(w));
        let may_be_role =
            ends_a_role(last) || (np.len() == 1 && lex.nominatives(last).iter().any(|(n, _)| ends_a_role(n)));
        if !may_be_role {
            return None;
        }
        let phrase = self.phrase(toks, np);
        let first = self.w(&toks[np.start]);
        let rest = &phrase[first.len()..];
        // the first word as written and in lower case (`Глава МИД` at the
        // start of a sentence is the role `глава МИД`), then in the nominative
        let lower = first.to_lowercase();
        let firsts = [first, lower.as_str()];
        let found = firsts.iter().find_map(|f| gaz.role_is(&format!("{f}{rest}"), self.date, lex)).or_else(|| {
            firsts
                .iter()
                .flat_map(|f| lex.nominatives(f))
                .find_map(|(n, _)| gaz.role_is(&format!("{n}{rest}"), self.date, lex))
        })?;
        Some((Some(gaz.entity(found, lex)), Resolution::Role))
    }

    /// Whether `w` (capitalised) is a given name, or a case form of one
    /// (`name_cases.tsv`: `Дмитрия`, `Михайла`).
    fn is_given_name_form(&self, w: &str) -> bool {
        let lex = &self.engine.lex;
        lex.given_name(w).is_some()
            || (lex.may_be_given_name_form(w) && lex.nominatives(w).iter().any(|(n, _)| lex.given_name(n).is_some()))
    }

    /// Resolve a speaker phrase `toks[np]` at text offset `pos`.
    /// `Some((None, how))` means the phrase is a speaker that cannot be
    /// named (a pronoun with no antecedent). Tried in order: a pronoun, a
    /// coordination, a name ending the phrase, a description.
    pub(super) fn resolve_np(&mut self, toks: &[Token], np: Span, pos: usize) -> Option<(Option<Entity>, Resolution)> {
        if np.len() == 1 && self.engine.lex.pronouns.contains_key(&*fold(self.w(&toks[np.start]))) {
            return self.resolve_pronoun(toks, np.start, pos);
        }
        // Coordination: "Kiev and Washington"
        // (not `contributor and historian David Marsh`: a name after a
        // coordinated description)
        let ends_in_name = np.end - np.start >= 3
            && toks[np.end - 1].cap
            && toks[np.end - 2].cap
            && toks[np.end - 3].is_word()
            && !toks[np.end - 3].cap
            && !self.engine.lex.word_sets(self.w(&toks[np.end - 3])).contains(WordSet::And);
        if !ends_in_name
            && (np.start..np.end)
                .any(|k| toks[k].is_word() && self.engine.lex.word_sets(self.w(&toks[k])).contains(WordSet::And))
        {
            let mut k = self.skip_determiners(toks, np, false);
            // "Councilmembers Ana Ruiz and Tom Becker": a shared title
            // (plural or not) before capitalised names is not part of them
            while k + 1 < np.end && toks[k].cap && toks[k + 1].cap && {
                let w = self.w(&toks[k]);
                self.is_job(w) || self.engine.lex.is_title(w) || w.strip_suffix('s').is_some_and(|w| self.is_job(w))
            } {
                k += 1;
            }
            return Some((Some(self.group(toks, Span::new(k, np.end), EntityKind::Group)), Resolution::Group));
        }
        // `Raj Patel of Capital Bank`, `economist Ana Ruiz from Oslo`: a
        // person's name, then where they are from (not `Bank of England`,
        // `University of Oslo`: a body's name, whole)
        if let Some(k) = self.person_before_home(toks, np) {
            return self.resolve_np(toks, Span::new(np.start, k), pos);
        }
        if let Some(found) = self.resolve_inflected_role(toks, np) {
            return Some(found);
        }
        // `the Scot`, `the Brazilian`: a nationality after an article is a
        // description, not a name
        if np.len() == 2
            && toks[np.start].is_word()
            && self.engine.lex.word_sets(&fold(self.w(&toks[np.start]))).contains(WordSet::DefiniteArticle)
            && toks[np.start + 1].cap
            && self.engine.lex.word_sets(&fold(self.w(&toks[np.start + 1]))).contains(WordSet::Demonym)
        {
            return self.resolve_description(toks, np, pos);
        }
        if let Some(found) = self.resolve_name_run(toks, np) {
            return Some(found);
        }
        self.resolve_description(toks, np, pos)
    }

    /// The preposition `k` in `NAME of/from/in PLACE` when the capitalised
    /// run before it names a person: two or more words, none an
    /// organisation's head word, the first a given name or a title.
    pub(super) fn person_before_home(&self, toks: &[Token], np: Span) -> Option<usize> {
        if np.len() < 4 {
            return None;
        }
        let lex = &self.engine.lex;
        // (`of the Estmark Institute`: an article may open the body's name;
        // `of the consultancy Fairlight Economics`: and a body noun)
        let body_noun = |k: usize| {
            k + 3 < np.end && toks[k + 2].is_word() && !toks[k + 2].cap && toks[k + 2].folds_to(WordSet::BodyNoun)
        };
        let the = |k: usize| {
            k + 2 < np.end
                && toks[k + 1].is_word()
                && toks[k + 1].is(WordSet::DefiniteArticle)
                && (toks[k + 2].cap || body_noun(k) && toks[k + 3].cap)
        };
        let k = (np.start + 2..np.end - 1).find(|&k| {
            toks[k].is_word()
                && !toks[k].cap
                && toks[k].folds_to(WordSet::HomePreposition)
                && (toks[k + 1].cap || the(k))
        })?;
        let mut b = k;
        while b > np.start && toks[b - 1].is_word() && toks[b - 1].cap {
            b -= 1;
        }
        // (`Economist Raj Patel`: a capitalised job word before the name)
        while b + 2 < k && self.is_job(self.w(&toks[b])) {
            b += 1;
        }
        let run = &toks[b..k];
        // what follows is a body (`of Harbour Capital`): its last word
        let named_body = the(k) && body_noun(k);
        let mut a = k + 1 + usize::from(the(k)) + usize::from(named_body);
        while a < np.end && toks[a].is_word() && toks[a].cap {
            a += 1;
        }
        let body_after = named_body
            || lex.is_org_head(self.w(&toks[a - 1]))
            || memchr::memchr(b'&', self.w(&toks[a - 1]).as_bytes()).is_some();
        if the(k) && !body_after {
            return None; // `of the …` before anything but a body's name
        }
        let person = run.len() >= 2
            && run.iter().all(|t| !lex.is_org_head(self.w(t)))
            && (body_after
                || lex.given_name(self.w(&run[0])).is_some()
                || (lex.is_title(self.w(&run[0])) && run.len() >= 3 && lex.given_name(self.w(&run[1])).is_some()));
        person.then_some(k)
    }

    /// A pronoun at token `s`: `who`/`which` take the name before them
    /// (`Witkoff, who took part …, told`); `he`/`she` the latest person of
    /// a compatible gender before `pos`; plural and other pronouns have no
    /// antecedent.
    fn resolve_pronoun(&self, toks: &[Token], s: usize, pos: usize) -> Option<(Option<Entity>, Resolution)> {
        let w = self.w(&toks[s]);
        let lw = fold(w);
        let p = self.engine.lex.pronouns.get(&*lw)?;
        if self.engine.lex.word_sets(&lw).contains(WordSet::RelativePronoun) {
            let mut k = s;
            // (`NAME, who`; `NAME - who …`)
            while k > 0 && matches!(toks[k - 1].kind, TokKind::Punct(',' | '—' | '–' | '-')) {
                k -= 1;
            }
            let mut b = self.cap_run_start(toks, k);
            // `the Bank of Ireland, which`: a body's name, whole
            if b >= 2
                && toks[b - 1].is_word()
                && !toks[b - 1].cap
                && toks[b - 1].folds_to(WordSet::NameJoiner)
                && toks[b - 2].is_word()
                && self.engine.lex.is_org_head(self.w(&toks[b - 2]))
            {
                b = self.cap_run_start(toks, b - 1);
            }
            // `who` stands for a person: not for the place or body that
            // describes them (`Senator Roe, Democrat of Ohio, who`)
            if p.gender != Gender::Neuter
                && let Some(found) = self.relative_person(toks, b, k, k < s)
            {
                return Some((found, Resolution::Relative));
            }
            if b < k {
                let (ns, ne) = self.strip_titles(toks, b, k);
                return self.resolve_name(toks, ns, ne, b).map(|(e, _)| (Some(e), Resolution::Relative));
            }
            // "64 percent who say …": a speaker with no name
            return Some((None, Resolution::Relative));
        }
        if p.plural || self.engine.lex.word_sets(&lw).contains(WordSet::UnresolvedPronoun) {
            return Some((None, Resolution::Pronoun));
        }
        let g = p.gender;
        let found = self
            .events
            .iter()
            .rev()
            .filter(|(at, _)| *at < pos)
            .find(|(_, ent)| ent.kind.personal() && g.compatible(ent.gender));
        // an unnamed person who spoke in the sentence before, after anyone
        // named: `A spokeswoman said …. "…," she said` (not a pronoun in
        // what they said: `…, a top aide said, and she has often told …`)
        if let Some((at, e, gender)) = &self.unnamed_speaker
            && *at < self.unit_start
            && *at >= self.prev_unit_start
            && g.compatible(*gender)
            && found.is_none_or(|(named, _)| named < at)
        {
            return Some((Some(e.clone()), Resolution::Pronoun));
        }
        Some((found.map(|(_, ent)| ent.clone()), Resolution::Pronoun))
    }

    /// The start of the run of capitalised words that ends before `e`
    /// (`e` when none does).
    fn cap_run_start(&self, toks: &[Token], e: usize) -> usize {
        let mut b = e;
        while b > 0 && toks[b - 1].is_word() && is_capitalised(self.w(&toks[b - 1])) {
            b -= 1;
        }
        b
    }

    /// The person a `who` after `toks[b..k]` (the capitalised run before
    /// it, maybe empty) stands for, when that run is not them: a place or
    /// body tied to a name (`Roe of Ohio, who` → Roe) or to an apposition
    /// (`Roe, a doctor from Dayton, Ohio, who`, `Roe, Democrat of Ohio,
    /// who` → Roe), or no run after a described person (`Roe, a former
    /// governor, who` → Roe). `Some(None)`: the run is such a place but no
    /// person is found (no guess); `None`: the run is the antecedent as
    /// usual.
    fn relative_person(&self, toks: &[Token], b: usize, k: usize, comma: bool) -> Option<Option<Entity>> {
        let home = |j: usize| toks[j].is_word() && !toks[j].cap && toks[j].folds_to(WordSet::HomePreposition);
        if b == k {
            // no run: `Roe, a former governor, who` / `Roe, a donor who`
            // (not `In Ohio, the voters who`)
            let closed = comma || {
                let mut j = k;
                while j > 0 && toks[j - 1].is_word() && !toks[j - 1].is(WordSet::IndefiniteArticle) {
                    j -= 1;
                }
                j > 1 && toks[j - 1].is(WordSet::IndefiniteArticle) && toks[j - 2].is_punct(',')
            };
            return if closed { self.apposition_person(toks, k).map(Some) } else { None };
        }
        // only `NAME …, PLACE, who`
        if !comma {
            return None;
        }
        // `Dayton, Ohio, who`: the place is the run before the comma too
        let mut place = b;
        if b >= 2 && toks[b - 1].is_punct(',') && toks[b - 2].is_word() && toks[b - 2].cap {
            let b1 = self.cap_run_start(toks, b - 1);
            if b1 > 0 && home(b1 - 1) {
                place = b1;
            }
        }
        if place == 0 || !home(place - 1) {
            return None;
        }
        let mut q = place - 1;
        // `Ministry of Defence, who`: a body's name
        if place == b && q > 0 && toks[q - 1].is_word() && self.engine.lex.is_org_head(self.w(&toks[q - 1])) {
            return None;
        }
        // `at the University of Lyon in France, who`: places in a row
        let mut b2 = q;
        for _ in 0..3 {
            b2 = self.cap_run_start(toks, q);
            if b2 == q || b2 == 0 || !home(b2 - 1) {
                break;
            }
            q = b2 - 1;
            b2 = q;
        }
        // `at the University of Lyon, who`: a body is a place too
        if b2 < q && !self.engine.lex.is_org_head(self.w(&toks[q - 1])) {
            // `Roe, Democrat of Ohio, who`: one word in an apposition
            if q - b2 == 1
                && b2 > 0
                && toks[b2 - 1].is_punct(',')
                && let Some(p) = self.person_before_comma(toks, b2 - 1)
            {
                return Some(Some(p));
            }
            let (ns, ne) = self.strip_titles(toks, b2, q);
            return Some(self.resolve_name(toks, ns, ne, b2).map(|(e, _)| e).filter(|e| e.kind != EntityKind::Org));
        }
        // `Roe, a doctor from Dayton, who` (not `no mention of Roe, who`)
        self.apposition_person(toks, q).map(Some)
    }

    /// The person an apposition ending before `e` describes: `NAME, a …`,
    /// `NAME, the …`, `NAME, former …` (at most twelve words back to a
    /// comma after a capitalised name, within the sentence).
    fn apposition_person(&self, toks: &[Token], e: usize) -> Option<Entity> {
        let mut j = e;
        while j > 0 && e - j < 12 && toks[j - 1].is_word() {
            j -= 1;
        }
        if j == 0 || j == e || !toks[j - 1].is_punct(',') {
            return None;
        }
        let first = &toks[j];
        if !(self.is_det(first) || self.is_descriptor(&fold(self.w(first)))) {
            return None;
        }
        self.person_before_comma(toks, j - 1)
    }

    /// The person named by the capitalised run before the comma `toks[c]`
    /// (not a place in a fronted adverbial: `In Ohio, a …`).
    fn person_before_comma(&self, toks: &[Token], c: usize) -> Option<Entity> {
        if c == 0 || !toks[c - 1].is_word() || !toks[c - 1].cap {
            return None;
        }
        let mut b = self.cap_run_start(toks, c);
        // `Pierre de Vos`
        while b > 1 && toks[b - 1].is_word() && self.is_name_particle(self.w(&toks[b - 1])) && toks[b - 2].cap {
            b = self.cap_run_start(toks, b - 1);
        }
        if b > 0 && toks[b - 1].is_word() && toks[b - 1].cap && toks[b - 1].folds_to(WordSet::Preposition) {
            return None;
        }
        let (ns, ne) = self.strip_titles(toks, b, c);
        let (ent, _) = self.resolve_name(toks, ns, ne, b)?;
        matches!(ent.kind, EntityKind::Person | EntityKind::Name).then_some(ent)
    }

    /// The first token of `np` after its leading determiners (only `the`
    /// when `only_the`).
    fn skip_determiners(&self, toks: &[Token], np: Span, only_the: bool) -> usize {
        let lex = &self.engine.lex;
        let mut k = np.start;
        while k < np.end
            && word_class(self.w(&toks[k]), lex) == Some(WordClass::Det)
            && (!only_the || lex.word_sets(&fold(self.w(&toks[k]))).contains(WordSet::DefiniteArticle))
        {
            k += 1;
        }
        k
    }

    /// An entity named by the phrase as written.
    fn group(&self, toks: &[Token], phrase: Span, kind: EntityKind) -> Entity {
        Entity { name: self.phrase(toks, phrase).into(), kind, gender: Gender::Unknown }
    }

    /// The capitalised run that ends the phrase is the name
    /// (`the Kremlin spokesman Dmitry Peskov`); the words before it are
    /// remembered as descriptions of that person (`presidential aide`).
    fn resolve_name_run(&mut self, toks: &[Token], np: Span) -> Option<(Option<Entity>, Resolution)> {
        let Span { start: s, end: e } = np;
        let mut r = e;
        // (`Montenor's Foreign Ministry`: a place's possessive opens a
        // body's name)
        let body = toks[e - 1].is_word() && self.engine.lex.is_org_head(self.w(&toks[e - 1]));
        while r > s && toks[r - 1].is_word() && {
            let w = self.w(&toks[r - 1]);
            toks[r - 1].cap && (r == e || !strip_possessive(w).1 || (body && r + 1 < e && !self.names_person(w)))
                || (self.is_name_particle(w) && r < e)
        } {
            r -= 1;
            if strip_possessive(self.w(&toks[r])).1 && r + 1 < e {
                break; // the possessive opens the name
            }
        }
        if r == e || (r == e - 1 && strip_possessive(self.w(&toks[r])).1) {
            return None;
        }
        // `Association of Civil Engineers`, `Bank of Ireland`: a body's
        // head word and `of` before the run belong to its name
        // (`Center for Disease Prevention`, `Committee on Foreign Affairs`:
        // `for` and `on` join only after a body's head word)
        if r >= s + 2
            && toks[r - 1].is_word()
            && !toks[r - 1].cap
            && (toks[r - 1].folds_to(WordSet::NameJoiner) || toks[r - 1].folds_to(WordSet::BodyJoiner))
            && toks[r - 2].is_word()
            && toks[r - 2].cap
            && self.engine.lex.is_org_head(self.w(&toks[r - 2]))
        {
            r = self.cap_run_start(toks, r - 1).max(s);
        }
        let (ns, ne) = self.strip_titles(toks, r, e);
        if ns >= ne {
            return None;
        }
        // never None here: the run `ns..ne` is not empty
        let (ent, how) = self.resolve_name(toks, ns, ne, r)?;
        self.remember_descriptors(toks, Span::new(s, ns), r, &ent);
        Some((Some(ent), how))
    }

    /// Remember how a person was described before the name (lower-case
    /// words of `before`, and titles from `titles_from` on), so that `the
    /// adviser` later refers to them.
    fn remember_descriptors(&mut self, toks: &[Token], before: Span, titles_from: usize, ent: &Entity) {
        // only the head: the last word before the name ("the Kremlin
        // spokesman" → spokesman; "campaign manager" → manager, so that
        // "the campaign" is not taken for the person)
        let lex = &self.engine.lex;
        let Some(t) = toks[before.start..before.end].last().filter(|t| t.is_word()) else { return };
        let w = self.w(t);
        let head = if before.end > titles_from && (lex.is_title(w) || self.is_job(w)) {
            true
        } else {
            !is_capitalised(w) && matches!(word_class(w, lex), None | Some(WordClass::Source))
        };
        if head {
            let nouns = lex.title_nouns.get(w).cloned().unwrap_or_else(|| vec![fold(w).into_owned()]);
            self.describe_placed(toks, before.start, before.end - 1, nouns, ent);
            // `defender and captain NAME`: each of coordinated descriptions
            let words = &toks[before.start..before.end];
            if let [.., d, and, _] = words
                && and.is_word()
                && lex.word_sets(&fold(self.w(and))).contains(WordSet::And)
                && d.is_word()
                && !d.cap
                && matches!(word_class(self.w(d), lex), None | Some(WordClass::Source))
            {
                self.describe(fold(self.w(d)).into_owned(), ent);
            }
        }
        // `Chief Financial Officer NAME` … `the CFO`: a title of several
        // capitalised words also by its initials
        let from = before.start.max(titles_from);
        let title = &toks[from..before.end];
        if title.len() >= 2
            && title.iter().all(|t| t.is_word() && t.cap)
            && title.last().is_some_and(|t| lex.is_title(self.w(t)) || self.is_job(self.w(t)))
        {
            let initials: String =
                title.iter().filter_map(|t| self.w(t).chars().next()).flat_map(char::to_lowercase).collect();
            self.describe(initials, ent);
        }
    }

    /// Whether the text holds paragraphs opening with `Q. ` and with `A. `
    /// or a speaker's label in capitals (`VARGA: …`): a transcript whose
    /// question labels end in a period. Searched once per document (a unit
    /// opening with either asks).
    pub(super) fn period_labels(&mut self) -> bool {
        let text = self.text;
        *self.period_labels.get_or_insert_with(|| {
            (text.starts_with("Q. ") || text.contains("\nQ. "))
                && (text.contains("\nA. ") || text.split('\n').any(caps_label_line))
        })
    }

    /// The interviewer and the interviewee of a `Q:`/`A:` transcript whose
    /// turns name nobody: the person described as the text's reporter
    /// (`reporter NAME spoke with her`), and the first other person the
    /// text introduced.
    pub(super) fn interview_parties(&self) -> (Option<Entity>, Option<Entity>) {
        let lex = &self.engine.lex;
        let host = self
            .descriptors
            .iter()
            .filter(|(w, _)| lex.word_sets(w).contains(WordSet::Interviewer))
            .find_map(|(_, all)| only(all).cloned());
        let guest = self
            .events
            .iter()
            .map(|(_, e)| e)
            .find(|e| e.kind.personal() && host.as_ref().is_none_or(|h| h.name != e.name))
            .cloned();
        (host, guest)
    }

    /// The gender a given name gives, if it is one (`given_names.tsv`).
    pub(super) fn given_gender(&self, word: &str) -> Option<Gender> {
        self.engine.lex.given_name(word)
    }

    /// Whether the text has named someone so.
    pub(super) fn knows(&self, name: &str) -> bool {
        self.events.iter().any(|(_, e)| &*e.name == name)
    }

    /// Who asks a transcript's questions when no one is named or described
    /// as asking: the lexicon's word for one (`unnamed_asker`: reporter).
    pub(super) fn unnamed_asker(&self) -> Option<Entity> {
        let w = self.engine.lex.first_in_set(WordSet::UnnamedAsker)?;
        Some(Entity { name: w.into(), kind: EntityKind::Group, gender: Gender::Unknown })
    }

    /// Remember that a statement by `ent` was made in a `word` (`in a blog
    /// post`, `in a statement`): `the post` then refers to `ent`.
    pub(super) fn describe_medium(&mut self, word: String, ent: &Entity) {
        self.describe(word, ent);
    }

    /// Remember that `word` described `ent`. A word that has described two
    /// people resolves to neither ("the senator" after two senators).
    fn describe(&mut self, word: String, ent: &Entity) {
        // (each list holds an entity once, and at most `MAX_SHARED_NAMES`)
        let add = |all: &mut Vec<Entity>| {
            if all.len() < MAX_SHARED_NAMES && !all.iter().any(|e| e.name == ent.name) {
                all.push(ent.clone());
            }
        };
        if let Some(families) = self.engine.lex.role_families.get(&word) {
            for f in families {
                add(self.role_described.entry(*f).or_default());
            }
        }
        add(self.descriptors.entry(word).or_default());
    }

    /// `the prelate`, `the church leader`: the person a description of the
    /// same family of roles (`roles.tsv`) described (of several, the one
    /// the text was about most recently). `words` are the description's
    /// words after its article.
    fn role_described(&self, toks: &[Token], words: Span) -> Option<Entity> {
        let families = &self.engine.lex.role_families;
        if families.is_empty() || words.is_empty() || words.len() > 2 {
            return None;
        }
        let key = fold(&self.phrase(toks, words)).into_owned();
        let all: Vec<&Entity> =
            families.get(&key)?.iter().filter_map(|f| self.role_described.get(f)).flatten().collect();
        if let [one] = all[..] {
            return Some(one.clone());
        }
        self.events.iter().rev().find_map(|(_, e)| all.iter().find(|d| d.name == e.name)).map(|e| (*e).clone())
    }

    /// Whether two descriptions stand in one family of roles (`roles.tsv`).
    fn same_role(&self, a: &str, b: &str) -> bool {
        let families = &self.engine.lex.role_families;
        families.get(a).zip(families.get(b)).is_some_and(|(x, y)| x.iter().any(|f| y.contains(f)))
    }

    /// The one entity `word` has described, if just one has been.
    fn described_one(&self, word: &str) -> Option<&Entity> {
        self.descriptors.get(word).and_then(|all| only(all))
    }

    /// Of the persons `head` has described, the one the text was about
    /// most recently (its latest subject or speaker): `the senator` after
    /// two senators, the second of them pressing the witness.
    fn latest_described(&self, head: &str) -> Option<Entity> {
        let all = self.descriptors.get(head)?;
        self.events.iter().rev().find_map(|(_, e)| all.iter().find(|d| d.name == e.name)).cloned()
    }

    /// Whether a word between a description's article and its head is a
    /// title (`the former president`, `the French president`): then it may
    /// be someone else than those the head described.
    fn titled_modifier(&self, toks: &[Token], np: Span) -> bool {
        if np.len() < 3 {
            return false;
        }
        toks[np.start + 1..np.end - 1].iter().any(|t| {
            let w = self.w(t);
            self.engine.lex.is_title(w) || self.engine.lex.is_title(&fold(w))
        })
    }

    /// Remember that each of `nouns` (a title's, at `toks[at]`) described
    /// `ent`, and with the place before it when one does (`Florida Sen.
    /// NAME`: `senator` and `florida senator`).
    fn describe_placed(&mut self, toks: &[Token], from: usize, at: usize, nouns: Vec<String>, ent: &Entity) {
        let place = self.place_modifier(toks, from, at);
        for n in nouns {
            if let Some(p) = &place {
                self.describe(format!("{p} {n}"), ent);
            }
            self.describe(n, ent);
        }
    }

    /// The capitalised word right before `toks[at]` (within `from..at`) that
    /// places a description (`Florida` in `Florida Sen. NAME`, `the New
    /// Jersey governor`), folded; `None` when there is none or it is a
    /// title or function word.
    fn place_modifier(&self, toks: &[Token], from: usize, at: usize) -> Option<String> {
        let t = toks[from..at].last().filter(|t| t.is_word() && t.cap)?;
        let w = self.w(t);
        let lex = &self.engine.lex;
        (!lex.is_title(w) && word_class(w, lex).is_none() && !strip_possessive(w).1).then(|| fold(w).into_owned())
    }

    /// `the striker`, `the 44-year-old`: a definite description of a person
    /// (the, maybe one lower-case modifier, a job word or an age) that no
    /// earlier description gave is the person who spoke in the sentence
    /// before, when no other job word described them (`the judge` is not
    /// the witness's lawyer described as `the lawyer`).
    fn salient_for_description(&self, toks: &[Token], np: Span, pos: usize) -> Option<Entity> {
        let lex = &self.engine.lex;
        // (no modifier that makes it someone else: `the former president`,
        // `the French president`, `the Kingsmere boss`)
        if !(np.len() == 2 || (np.len() == 3 && toks[np.start + 1].is_word() && !toks[np.start + 1].cap))
            || !toks[np.start].is_word()
            || !lex.word_sets(&fold(self.w(&toks[np.start]))).contains(WordSet::DefiniteArticle)
            || self.titled_modifier(toks, np)
        {
            return None;
        }
        let head = self.w(&toks[np.end - 1]);
        let age = is_age(head);
        if !age && (toks[np.end - 1].cap || !self.is_job(head)) {
            return None;
        }
        let head = fold(head);
        if lex.word_sets(&head).contains(WordSet::Associate) {
            return None;
        }
        // the person who spoke in the sentence before (a cue's speaker, not
        // just its subject: `NAME put it on the table and left. "Fine," said
        // the clerk` is someone else), the latest person the text was about
        let (at, cand) = self.events.iter().rev().find(|(at, e)| *at < pos && e.kind.personal())?;
        let spoke = self.cue_speaker.as_ref().is_some_and(|(p, e)| *p >= self.prev_unit_start && e.name == cand.name);
        // a person's name (not a place's taken for one: `New Hampshire`):
        // a given name or a title gave its gender
        if *at < self.prev_unit_start || !spoke || cand.gender == Gender::Unknown {
            return None;
        }
        let other_job = self.descriptors.iter().any(|(w, all)| {
            *w != *head
                && all.iter().any(|e| e.name == cand.name)
                && lex.word_sets(w).contains(WordSet::Job)
                && !self.same_role(w, &head)
        });
        (age || !other_job).then(|| cand.clone())
    }

    /// A description: a gazetteer role held on the date, then one given
    /// earlier in the document, else the phrase as written (an
    /// organisation when capitalised, else an unnamed source).
    fn resolve_description(&mut self, toks: &[Token], np: Span, pos: usize) -> Option<(Option<Entity>, Resolution)> {
        let lex = &self.engine.lex;
        let phrase = self.phrase(toks, np);
        if let Some(i) = self.engine.gaz.role_at_end(&phrase, self.date, lex) {
            return Some((Some(self.engine.gaz.entity(i, lex)), Resolution::Role));
        }
        let head = fold(self.w(&toks[np.end - 1]));
        // "a spokesman" introduces someone new; "the spokesman" is known
        let new_one = lex.word_sets(&fold(self.w(&toks[np.start]))).contains(WordSet::IndefiniteArticle);
        let definite = lex.word_sets(&fold(self.w(&toks[np.start]))).contains(WordSet::DefiniteArticle);
        // `the former president`, `the French president`: someone else
        // than those `president` described
        let titled = np.len() > 2 && self.titled_modifier(toks, np);
        // `the Florida senator`: the one introduced as `Florida Sen. NAME`
        let place = if definite && !titled && np.len() > 2 {
            self.place_modifier(toks, np.start + 1, np.end - 1)
        } else {
            None
        };
        if let Some(p) = &place {
            let key = format!("{p} {}", &*head);
            if let Some(ent) = self.described_one(&key).cloned().or_else(|| self.latest_described(&key)) {
                return Some((Some(ent), Resolution::Descriptor));
            }
        }
        // (a capitalised modifier places it: `the Florida senator` is only
        // the one introduced as `Florida Sen. NAME`, found above; `the
        // French president` none of those `President NAME` described)
        let placed = np.len() > 2 && toks[np.start + 1..np.end - 1].iter().any(|t| t.is_word() && t.cap);
        // (a medium is its author's only as `the statement`: `the union's
        // statement` is someone else's)
        let owned_medium = np.len() > 2 && lex.word_sets(&head).contains(WordSet::Medium);
        if !new_one
            && !placed
            && !owned_medium
            && let Some(ent) = self.described_one(&head)
        {
            return Some((Some(ent.clone()), Resolution::Descriptor));
        }
        if definite
            && !titled
            && !owned_medium
            && place.is_none()
            && let Some(ent) = self
                .latest_described(&head)
                .or_else(|| self.role_described(toks, Span::new(np.start + 1, np.end)))
                .or_else(|| self.salient_for_description(toks, np, pos))
        {
            return Some((Some(ent), Resolution::Descriptor));
        }
        // `по словам дипломата`: a description in an oblique case
        if !new_one
            && let Some(ent) = lex.nominatives(&head).iter().find_map(|(w, _)| self.descriptors.get(w.as_str()))
            && let Some(ent) = only(ent)
        {
            return Some((Some(ent.clone()), Resolution::Descriptor));
        }
        let k = self.skip_determiners(toks, np, true);
        if k == np.end {
            return None;
        }
        // "the company", "The company"
        if np.len() == 2 && lex.word_sets(&fold(self.w(&toks[np.start]))).contains(WordSet::DefiniteArticle) {
            if let Some(org) = self.body_named(&head) {
                return Some((Some(org), Resolution::Descriptor));
            }
            // `Orchard Valley Nutrition is recalling …, the company said`:
            // a name of several words the sentence opens with, no person's
            // (its first word no given name), is the body; so it stays
            if lex.word_sets(&head).contains(WordSet::CompanyNoun)
                && let Some((subject, _)) = self.unit_subject.clone()
                && subject.kind != EntityKind::Org
                && subject.name.contains(' ')
                && lex.given_name(first_word(&subject.name)).is_none()
                && subject.gender == Gender::Unknown
            {
                let org = Entity { name: subject.name.clone(), kind: EntityKind::Org, gender: Gender::Unknown };
                self.learned_orgs.insert(org.name.to_string(), true);
                self.describe(head.clone().into_owned(), &org);
                self.note_speaker(org.clone(), 0);
                return Some((Some(org), Resolution::Descriptor));
            }
        }
        let kind = if is_capitalised(self.w(&toks[k])) { EntityKind::Org } else { EntityKind::Group };
        Some((Some(self.group(toks, Span::new(k, np.end), kind)), Resolution::Group))
    }
}

impl Resolver<'_> {
    /// The organisation `the NOUN` refers to (`body_noun` in `words.tsv`):
    /// the latest one seen (speaker or subject) with that noun in its name
    /// (`the ministry` → Ministry of Agriculture); for a business noun
    /// (`company_noun`: `the company`, `the firm`), else the latest one
    /// whose name is a business's (a `company_noun` word: `… Holdings`,
    /// `… Group`) and holds no other kind of body (not `… Port Authority`).
    fn body_named(&self, head: &str) -> Option<Entity> {
        let lex = &self.engine.lex;
        let sets = lex.word_sets(head);
        if !sets.contains(WordSet::BodyNoun) {
            return None;
        }
        // compared word by word, with no copies of the folded words
        if let Some(o) = self.orgs.iter().rev().find(|o| name_words(&o.name).any(|w| *fold(w) == *head)) {
            return Some(o.clone());
        }
        // `the union` → `… Nurses Association`, `the agency` → `… Center
        // for Disease Prevention`: a body whose head word is of the kind
        for kind in [WordSet::LabourBody, WordSet::PublicBody] {
            if sets.contains(kind)
                && let Some(o) =
                    self.orgs.iter().rev().find(|o| {
                        name_words(&o.name).any(|w| is_capitalised(w) && lex.word_sets(&fold(w)).contains(kind))
                    })
            {
                return Some(o.clone());
            }
        }
        if !sets.contains(WordSet::CompanyNoun) {
            return None;
        }
        self.orgs.iter().rev().find(|o| self.is_business(&o.name)).cloned()
    }

    /// Whether a body's name is a business's: a `company_noun` word in it
    /// (`… Holdings`, `… Group`) and no other kind of body (`… Authority`).
    fn is_business(&self, name: &str) -> bool {
        let lex = &self.engine.lex;
        // one pass over the words, with no vector of their sets
        let (mut company, mut other_body) = (false, false);
        for w in name_words(name) {
            let s = lex.word_sets(&fold(w));
            company |= s.contains(WordSet::CompanyNoun);
            other_body |= s.contains(WordSet::BodyNoun) && !s.contains(WordSet::CompanyNoun);
        }
        company && !other_body || self.learned_orgs.get(name) == Some(&true)
    }
}

/// A name of `min_words` or more words written in capitals (`NADIA
/// FERREIRA`), as a name is written (`Nadia Ferreira`); `None` for any other
/// name.
pub(super) fn title_cased(name: &str, min_words: usize) -> Option<String> {
    let mut words = 0;
    for w in name_words(name) {
        if w.chars().count() < 2 || !w.chars().all(|c| c.is_uppercase() || c == '-' || c == '\'') {
            return None;
        }
        words += 1;
    }
    if words < min_words.max(1) {
        return None;
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, ' ' | '-');
    }
    Some(out)
}

/// The only item of a slice, if it holds just one.
fn only<T>(all: &[T]) -> Option<&T> {
    if let [one] = all { Some(one) } else { None }
}

/// An age as a noun: `44-year-old`, `nine-year-old`.
pub(super) fn is_age(w: &str) -> bool {
    w.len() > 9 && w.as_bytes()[..w.len() - 9].iter().all(|b| b.is_ascii_alphanumeric()) && w.ends_with("-year-old")
}

/// The first word of a name.
fn first_word(name: &str) -> &str {
    // (a byte search: names are short, and a char pattern's searcher costs
    // more than the scan)
    name.as_bytes().iter().position(|&b| b == b' ').map_or(name, |i| &name[..i])
}

/// The words of a name (joined by single spaces), by a byte scan with no
/// UTF-8 check of the pieces.
fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split_ascii_whitespace()
}

/// A name ending in an organisation head (`org_heads.txt`: "Times",
/// "Ministry") is a body; other names of several words are persons.
fn kind_of_name(name: &str, lex: &crate::lexicon::Lexicons) -> EntityKind {
    let mut words = name_words(name);
    let mut last = words.next().unwrap_or(name);
    let mut several = false;
    // "Ministry of Agriculture", "Bank of Valdoria": a head before "of"
    // (pairs of words walked without collecting them: names are many)
    let mut head_of = false;
    let mut amp = false;
    for w in words {
        head_of = head_of || lex.is_org_head(last) && lex.word_sets(w).contains(WordSet::NameJoiner);
        amp |= w == "&";
        last = w;
        several = true;
    }
    // (`Procter & Gamble`, `Hollin & Marsh`: a firm's name)
    if lex.is_org_head(last) || head_of || amp {
        EntityKind::Org
    } else if several {
        EntityKind::Person
    } else {
        EntityKind::Name
    }
}

/// Whether a line opens with a speaker's label in capitals: a name of two
/// letters or more before a colon (`VARGA:`, `MS. ABARA:`), within the
/// first 40 bytes.
fn caps_label_line(line: &str) -> bool {
    let Some(c) = line.as_bytes().iter().take(40).position(|&b| b == b':') else { return false };
    let label = &line[..c];
    label.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && label.bytes().all(|b| b.is_ascii_uppercase() || matches!(b, b' ' | b'.' | b'-' | b'\''))
}

/// The years of an age written as a number of people's years (`24`).
fn age_years(w: &str) -> Option<u8> {
    (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok()).flatten()
}
