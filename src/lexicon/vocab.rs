//! The closed vocabularies of the lexicon files: every column whose values
//! come from a fixed list (cue classes, word classes, word sets, genders, …)
//! is parsed into one of these enums, so a typo in a lexicon is an error that
//! names its `file:line` and the valid values instead of a silent miss.

use std::fmt;

/// Declares a closed vocabulary: an enum, its names in the lexicon files,
/// `parse`, `as_str`, `ALL` and the list of valid names for error messages.
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $var:ident = $s:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) enum $name {
            $( $(#[$vmeta])* $var, )+
        }

        impl $name {
            /// Every value, in declaration order.
            #[allow(dead_code)] // not every vocabulary is iterated outside tests
            pub(crate) const ALL: &'static [$name] = &[$($name::$var),+];

            /// The name written in the lexicon files (and in the output).
            pub(crate) fn as_str(self) -> &'static str {
                match self {
                    $( $name::$var => $s, )+
                }
            }

            /// The value named `s` in a lexicon file, if it is one.
            pub(crate) fn parse(s: &str) -> Option<$name> {
                match s {
                    $( $s => Some($name::$var), )+
                    _ => None,
                }
            }

            /// The valid names, comma-separated, for error messages.
            pub(crate) fn names() -> String {
                [$($s),+].join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

closed_set! {
    /// What kind of statement a cue reports (`cues.tsv`, column 2; the
    /// `cue_class` output column prints [`CueClass::as_str`]).
    pub enum CueClass {
        /// Neutral report: "said", "told", "stated".
        Say = "say",
        /// "added", "noted".
        Add = "add",
        /// "confirmed".
        Confirm = "confirm",
        /// "denied", "rejected".
        Deny = "deny",
        /// "announced".
        Announce = "announce",
        /// "claimed", "argued", "insisted".
        Claim = "claim",
        /// "stressed", "emphasised".
        Emphasise = "emphasise",
        /// "warned".
        Warn = "warn",
        /// "wrote", "posted".
        Write = "write",
        /// "described", "called".
        Describe = "describe",
        /// "reported".
        Report = "report",
        /// "believes", "thinks".
        Believe = "believe",
        /// Cognition and perception: "knows", "understood", "realised" —
        /// what someone knows or perceives rather than says, so that users
        /// can keep or drop it.
        Know = "know",
        /// "wants", "hopes".
        Want = "want",
        /// "supports", "backed".
        Support = "support",
        /// "opposes", "criticised".
        Oppose = "oppose",
        /// "according to".
        According = "according",
        /// "continued".
        Continue = "continue",
        /// "asked".
        Ask = "ask",
    }
}

closed_set! {
    /// The class of a function word (`function_words.tsv`, column 2).
    pub enum WordClass {
        /// May stand between a speaker and a cue ("also", "has").
        Aux = "aux",
        /// Ends a speaker phrase read leftwards from a cue.
        Stop = "stop",
        /// A determiner that may open a speaker phrase ("the").
        Det = "det",
        /// A capitalised word that never starts a name ("Monday", "But").
        NonName = "nonname",
        /// A noun that denotes a speaker ("official", "spokesman", "statement").
        Source = "source",
    }
}

closed_set! {
    /// A closed set of words the attribution code asks about (`words.tsv`,
    /// column 2). A word may belong to several sets; [`WordSets`] holds them.
    pub enum WordSet {
        /// Introduces a reported clause: "that".
        Complementiser = "complementiser",
        /// Pronouns that start a clause of their own: he, she, they, we, i, it.
        SubjectPronoun = "subject_pronoun",
        /// Pronoun subjects after a linking conjunction: he, she, they, we.
        LinkSubject = "link_subject",
        /// Subjects a base-form cue agrees with alone: i, we, you, they, who.
        PluralSubject = "plural_subject",
        /// Words that start a subject after an addressee: he, there, his, the, a, …
        SubjectStart = "subject_start",
        /// Addressees of "told": me, him, her, us, them, reporters, journalists.
        Addressee = "addressee",
        /// Forms of "be": is, are, was, were, be, been.
        BeForm = "be_form",
        /// Auxiliaries and "be" forms that begin a reported clause (when.rs).
        ClauseVerb = "clause_verb",
        /// "and".
        And = "and",
        /// "and", "but": a conjunction before a cue's subject.
        Coordinator = "coordinator",
        /// Conjunctions that may open another clause after a comma: but, and, while, …
        ClauseLink = "clause_link",
        /// Subordinators that front a clause: while, although, because, if, …
        Subordinator = "subordinator",
        /// Words that open a fronted adverbial: last, earlier, meanwhile, according, …
        AdverbialOpener = "adverbial_opener",
        /// Adverbs that are not verbs though classed `aux`: also, later, then, …
        Adverb = "adverb",
        /// Words that start a prepositional phrase, not a clause.
        Preposition = "preposition",
        /// Prepositions that take a cue's object: for, on, of, about, against, over.
        ObjectPreposition = "object_preposition",
        /// The infinitive marker after "told"/"asked" (an order): to.
        Infinitive = "infinitive",
        /// Cues that are an order before the infinitive marker: told, asked.
        OrderCue = "order_cue",
        /// Cue lemmas that take an addressee before the clause: tell, remind, assure, …
        AddresseeCueLemma = "addressee_cue_lemma",
        /// Cue lemmas that take a direct object: tell, warn, …, ask.
        ObjectCueLemma = "object_cue_lemma",
        /// Determiners of an indefinite phrase: a, an, his, her, …, one.
        IndefiniteDet = "indefinite_det",
        /// Determiners of a definite phrase: the, this, that, these, those.
        DefiniteDet = "definite_det",
        /// The definite article: the.
        DefiniteArticle = "definite_article",
        /// Words that count people: percent, %, third, half, majority, …
        Quantity = "quantity",
        /// Relative pronouns: who, which.
        RelativePronoun = "relative_pronoun",
        /// Pronouns never resolved to a person: i, you, it.
        UnresolvedPronoun = "unresolved_pronoun",
        /// Lower-case particles inside a name: de, van, von, al, …
        NameParticle = "name_particle",
        /// Titles of men: Mr., Sir, Lord, King, …
        TitleMale = "title_male",
        /// Titles of women: Mrs., Ms., Miss, Lady, Queen, …
        TitleFemale = "title_female",
        /// Words that make the next day word a day: on, earlier, late, last, …
        DayAnchor = "day_anchor",
        /// "last": a weekday strictly before the article's date.
        LastDay = "last_day",
        /// "on": the only word before a month and day.
        DateOn = "date_on",
        /// "yesterday": the day before.
        Yesterday = "yesterday",
        /// "today", "tonight": the article's date.
        Today = "today",
        /// Parts of the day that mean today after "this": morning, afternoon, evening.
        DayPart = "day_part",
        /// "this".
        This = "this",
        /// "same" in "on the same day".
        Same = "same",
        /// "day" in "on the same day".
        Day = "day",
        /// Words before a time unit or a day in a time phrase: last, this, on.
        TimeDeictic = "time_deictic",
        /// Time units: week, month, year.
        TimeUnit = "time_unit",
        /// A lower-case word that joins the capitalised words of one name
        /// ("Ministry of Defence"): of.
        NameJoiner = "name_joiner",
        /// Prepositions that tie a place or a body to a person described
        /// ("Senator Roe of Ohio", "a doctor from Dayton", "a teacher in
        /// Lyon"): a capitalised run after one is not the person a
        /// following `who` stands for. of, from, in.
        HomePreposition = "home_preposition",
        /// Cue lemmas whose "to" names an addressee, not an object ("spoke
        /// to TASS"): speak.
        AddresseeToLemma = "addressee_to_lemma",
        /// Singular pronouns of a man or a woman, as written: he, she, He, She.
        GenderedPronoun = "gendered_pronoun",
        /// After a comma, opens a time or cause clause that is the
        /// narrator's, not the content of an object claim ("reported a drop,
        /// as rates fell"): after, as, because, before, since, when, once.
        AdjunctSubordinator = "adjunct_subordinator",
        /// Cue lemmas that report an object only with "as" or a clause
        /// with "that" ("sees the plan as a threat", "saw that …"): see,
        /// view, regard.
        AsCueLemma = "as_cue_lemma",
        /// The "as" of "view X as Y".
        PredicativeAs = "predicative_as",
        /// Reflexive pronouns, which stand between a subject and its verb
        /// (`Trump himself said`) or are a cue's object (`describes himself
        /// as …`): himself, herself, itself, themselves.
        Reflexive = "reflexive",
        /// Adjectives of nationality (`scottish`, `brazilian`): before a
        /// person's description they describe the person (`the Scot`, `the
        /// Brazilian` later, joined in `roles.tsv`).
        Demonym = "demonym",
        /// Letters written after a person's name that are no part of it
        /// (`Helen Strand KC`, `Ana Ruiz MP`), as written: KC, QC, MP, OBE, …
        Postnominal = "postnominal",
        /// Nouns for one person that are no job (`official`, `source`,
        /// `resident`, `witness`): an unnamed speaker described so (`the
        /// official said`) is who a `he said` right after refers to.
        PersonNoun = "person_noun",
        /// The preposition of a passive's agent (`released by NAME`): by.
        AgentPreposition = "agent_preposition",
        /// Media a statement is made in that speak with their author's
        /// voice (`said in a statement`, `In a blog post, ORG said`: `the
        /// statement said`, `the post said` later is the author): statement,
        /// post, letter, release, tweet, … (not a study, report or memo:
        /// sources of their own).
        Medium = "medium",
        /// Words that open an embedded question (`described how, growing
        /// up, he …`): how, why, what, whether, where.
        Interrogative = "interrogative",
        /// Cue lemmas whose object comes before their preposition ("compared
        /// X to Y"), so that a preposition right after the cue is an
        /// adverbial ("rose 5 percent compared to last year"): compare, liken.
        ObjectFirstLemma = "object_first_lemma",
        /// A determiner that opens a clause's subject before a noun ("said
        /// no one was hurt"), though alone it is an answer ("said no"): no.
        NegativeDet = "negative_det",
        /// Prepositions that are also approximators before a number and so
        /// open a clause's subject ("said about half the votes were
        /// counted"): about, over, under.
        Approximator = "approximator",
        /// Plural nouns without -s, with which a base-form cue agrees
        /// (`police say`, `people say`, `data suggest`): people, police, …
        PluralNoun = "plural_noun",
        /// Quantifiers that float after a pronoun subject (`they all
        /// said`, `we both agreed`): all, both, each.
        FloatingQuantifier = "floating_quantifier",
        /// Cue lemmas of refusal: with the infinitive of a speech verb
        /// (`declined to comment`, `refused to say`) they report no
        /// statement: decline, refuse.
        RefusalLemma = "refusal_lemma",
        /// Cue forms in -s more often plural nouns (`withering attacks on`,
        /// `false claims about`): attacks, plans, claims, comments, …
        NounProneForm = "noun_prone_form",
        /// Nouns in -ly, which are no adverbs (`The Brandauer family
        /// said`): family, assembly, rally, ally, supply, …
        LyNoun = "ly_noun",
        /// An adverb that makes a statement one more of the same occasion
        /// (`he also said`): also.
        Additive = "additive",
        /// Who conducts an interview (`Herald reporter NAME spoke with
        /// her`): the `Q.` turns of a transcript whose labels name nobody.
        Interviewer = "interviewer",
        /// Who asks a transcript's `Q.` turns when no one is named or
        /// described as asking (`reporter`): the speaker of those turns.
        UnnamedAsker = "unnamed_asker",
        /// Words that open a phrase of place or time after an object, where
        /// what was said ends (`defended it this week on his radio show`,
        /// `… at a rally`): on in at during after before while as.
        ScenePreposition = "scene_preposition",
        /// Lower-case words that join a body's head word to the rest of its
        /// name (`Center for Disease Prevention`, `Committee on Foreign
        /// Affairs`): for on.
        BodyJoiner = "body_joiner",
        /// Body nouns and name heads of workers' bodies: `the union` may
        /// refer to a body named `… Nurses Association`.
        LabourBody = "labour_body",
        /// Body nouns and name heads of public bodies: `the agency` may
        /// refer to a body named `… Center for Disease Prevention`.
        PublicBody = "public_body",
        /// Jobs held for someone else (`the spokesman`, `the lawyer`): an
        /// unresolved `the spokesman` is never taken for the person the
        /// sentence before was about.
        Associate = "associate",
        /// Cue lemmas that report a clause, never a bare object
        /// (`maintained that …`, not `maintained a lead`): maintain.
        ClauseOnlyLemma = "clause_only_lemma",
        /// Cue lemmas whose object is a topic after a topic preposition
        /// (`spoke about jobs`; not `spoke Hebrew`, `spoke for an hour`):
        /// speak.
        TopicOnlyLemma = "topic_only_lemma",
        /// Prepositions that introduce a topic: about, of, on, against.
        TopicPreposition = "topic_preposition",
        /// Pronouns of amount that, before a preposition, are a verb's
        /// object, not a clause's subject ("said little about the
        /// injury", "said nothing of the plan"): little, nothing, much, …
        IndefinitePronoun = "indefinite_pronoun",
        /// The label of an interviewer's turn in a transcript, as written: Q.
        QuestionLabel = "question_label",
        /// The label of an interviewee's turn in a transcript, as written: A.
        AnswerLabel = "answer_label",
        /// Section and rubric labels before a colon that are not speakers,
        /// as written: Opinion, LIVE, Analysis, …
        RubricLabel = "rubric_label",
        /// Words that give a name to what follows, whatever its shape:
        /// dubbed, nicknamed, titled, entitled, so-called.
        NamingVerb = "naming_verb",
        /// Verbs that name what follows when it is shaped like a name:
        /// called, named.
        NamingCall = "naming_call",
        /// Verbs of `known as`, `goes by`: known, goes, go, went, going.
        NamingPhraseVerb = "naming_phrase_verb",
        /// The prepositions of those phrases: as, by.
        NamingPhrasePrep = "naming_phrase_prep",
        /// Nouns before a title or a name in quotes: book, film, show,
        /// operation, programme, word, nickname, …
        TitleNoun = "title_noun",
        /// Verbs of what a text says, after a quote: `"…," the sign read`,
        /// `"…," reads the statement`: read, reads.
        TextVerb = "text_verb",
        /// Cue words that count only in `as SUBJECT CUE`: put (`as NAME put it`).
        AsCue = "as_cue",
        /// The `as` of `as NAME put it`.
        AsWord = "as_word",
        /// Words that open a lead-in naming the speaker of the quotation
        /// after it, as written: From (`From NAME:`).
        LeadInFrom = "lead_in_from",
        /// Prepositions that attach a phrase to a noun of people in a
        /// subject (`economists at ORG`, `officials briefed on the
        /// matter`): at, for, of, in, on, from, with, to, within, among.
        PeoplePreposition = "people_preposition",
        /// Cue lemmas whose following noun phrase is always the addressee,
        /// never an inverted speaker (`"…," told the AP X`): tell, inform.
        AddresseeOnlyLemma = "addressee_only_lemma",
        /// Nouns that name a job, rank or office (lower case): before a name
        /// a title, not part of it; a description of the person named.
        Job = "job",
        /// Articles that introduce someone new: a, an, one, another ("a
        /// spokesman" is not the spokesman named before).
        IndefiniteArticle = "indefinite_article",
        /// Nouns that stand for an organisation: company, ministry, union, …
        /// ("the ministry said" → the ministry named before).
        BodyNoun = "body_noun",
        /// Body nouns for a business: company, firm, carrier, …
        CompanyNoun = "company_noun",
        /// Prepositions that open an adverbial between a subject and its
        /// verb, in languages that put one there (`Ушаков в эфире
        /// телеканала «Россия 1» заявил`, `Зеленський у зверненні
        /// заявив`): the speaker is the name before it. None in English.
        AdjunctPreposition = "adjunct_preposition",
        /// After a preposition at the start of a sentence, the words that
        /// make its cue report the sentence before (`Об этом заявил X`,
        /// `Про це заявив X`): этом, це. None in English.
        ReportAnaphor = "report_anaphor",
    }
}

/// A set of [`WordSet`]s, one bit each, in two words (`[u64; 2]` rather
/// than `u128`, which would double a token's alignment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub(crate) struct WordSets([u64; 2]);

// A WordSet is a bit of one of two u64s.
const _: () = assert!(WordSet::ALL.len() <= 128);

impl WordSets {
    /// No set.
    pub(crate) const EMPTY: WordSets = WordSets([0, 0]);

    fn bit(set: WordSet) -> (usize, u64) {
        let n = set as usize;
        (n / 64, 1u64 << (n % 64))
    }

    /// Whether `set` is one of these.
    pub(crate) fn contains(self, set: WordSet) -> bool {
        let (w, b) = Self::bit(set);
        self.0[w] & b != 0
    }

    /// These sets and `set`.
    pub(crate) fn with(mut self, set: WordSet) -> WordSets {
        let (w, b) = Self::bit(set);
        self.0[w] |= b;
        self
    }

    /// The sets in `self` or in `other`.
    pub(crate) fn union(self, other: WordSets) -> WordSets {
        WordSets([self.0[0] | other.0[0], self.0[1] | other.0[1]])
    }

    /// Whether there is no set.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == [0, 0]
    }
}

/// A word that names a day or a month (`calendar.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Calendar {
    /// A weekday: 0 = Monday … 6 = Sunday.
    Weekday(u8),
    /// A month: 1 = January … 12 = December.
    Month(u8),
}

/// Everything the lexicons say about one word, answered by one lookup
/// ([`crate::Lexicons::word_info`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WordInfo {
    /// Its class in `function_words.tsv`.
    pub class: Option<WordClass>,
    /// The sets of `words.tsv` it belongs to.
    pub sets: WordSets,
    /// Whether it is in `titles.txt`.
    pub title: bool,
    /// Whether it is a cue form or the first word of one (lower case).
    pub may_start_cue: bool,
    /// The day or month it names (`calendar.tsv`, full names).
    pub calendar: Option<Calendar>,
}

impl WordInfo {
    /// A word the lexicons do not list (the default).
    pub(crate) const NONE: WordInfo =
        WordInfo { class: None, sets: WordSets::EMPTY, title: false, may_start_cue: false, calendar: None };
}
