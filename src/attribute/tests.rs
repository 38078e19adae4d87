//! Table-driven attribution cases: one row per pattern (name, text,
//! expected (speaker, quote) rows in order). A new case is one line.

use crate::input::Document;
use crate::lexicon::Lexicons;
use crate::{Engine, Kind, Options};

fn rows_of(text: &str, kinds: &[Kind]) -> Vec<(String, String)> {
    let engine = Engine::new(Lexicons::builtin().unwrap(), Options::default());
    let doc = Document { source: "case".into(), date: Some("2026-02-04".into()), title: None, text: text.into() };
    engine.extract(&doc).into_iter().filter(|r| kinds.contains(&r.kind)).map(|r| (r.speaker, r.quote)).collect()
}

fn rows(text: &str) -> Vec<(String, String)> {
    rows_of(text, &[Kind::Direct])
}

/// (case name, text, expected (speaker, quote) rows)
type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

fn check(cases: &[Case], rows: impl Fn(&str) -> Vec<(String, String)>) {
    let mut failures = Vec::new();
    for (name, text, want) in cases {
        let got = rows(text);
        let want: Vec<(String, String)> = want.iter().map(|(s, q)| (s.to_string(), q.to_string())).collect();
        if got != want {
            failures.push(format!("{name}:\n  text: {text:?}\n  want: {want:?}\n  got:  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn attribution_cases() {
    let cases: &[Case] = &[
        ("post name", "\"Talks are set,\" Peskov said.", &[("Dmitry Peskov", "Talks are set,")]),
        ("post inverted", "\"Talks are set,\" said Peskov.", &[("Dmitry Peskov", "Talks are set,")]),
        ("pre colon", "Peskov said: \"Talks are set.\"", &[("Dmitry Peskov", "Talks are set.")]),
        (
            "pre with complement",
            "Peskov told reporters on Wednesday: “Talks are set.”",
            &[("Dmitry Peskov", "Talks are set.")],
        ),
        (
            "descriptor before name",
            "\"Talks are set,\" the Kremlin spokesperson Dmitry Peskov told reporters.",
            &[("Dmitry Peskov", "Talks are set,")],
        ),
        (
            "apposition",
            "Rustem Umerov, Ukraine's chief negotiator, said: \"We are ready.\"",
            &[("Rustem Umerov", "We are ready.")],
        ),
        ("wrote on", "\"Talks began,\" Umerov wrote on Facebook.", &[("Rustem Umerov", "Talks began,")]),
        (
            "pronoun is the subject, not the last name",
            "Ushakov confirmed that a meeting with US President Donald Trump was discussed.\n\n\"It was discussed several times,\" he said.",
            &[("Yuri Ushakov", "It was discussed several times,")],
        ),
        (
            "pronoun skips a person of the other gender",
            "Maria Ivanova met Mr. Petrov on Monday.\n\n\"We agreed on nothing,\" she said.",
            &[("Maria Ivanova", "We agreed on nothing,")],
        ),
        (
            "gazetteer role",
            "\"Doors remain open,\" the Kremlin spokesman said.",
            &[("Dmitry Peskov", "Doors remain open,")],
        ),
        (
            "description given earlier",
            "White House adviser Jane Okafor spoke first. \"We will wait,\" the adviser said.",
            &[("Jane Okafor", "We will wait,")],
        ),
        (
            "carry from the paragraph before",
            "According to Dmitry Peskov, the talks were delayed.\n\n\"They were indeed initially planned,”",
            &[("Dmitry Peskov", "They were indeed initially planned,")],
        ),
        (
            "partial quote",
            "Peskov said contacts had begun in a constructive manner, but with \"significant work ahead\".",
            &[("Dmitry Peskov", "significant work ahead")],
        ),
        (
            "a speaker inside the quote is not its speaker",
            "Peskov spoke in Moscow.\n\n\"Zelensky offers contacts. Putin said that they are possible in Moscow,\" he said.",
            &[("Dmitry Peskov", "Zelensky offers contacts. Putin said that they are possible in Moscow,")],
        ),
        (
            "split quote",
            "\"Our position is clear,\" Peskov said. \"The operation will continue.\"",
            &[("Dmitry Peskov", "Our position is clear,"), ("Dmitry Peskov", "The operation will continue.")],
        ),
        (
            "quote over several paragraphs",
            "“First we talk.\n\n“Then we sign.\n\n“Then we rest,” said Jane Okafor.",
            &[("Jane Okafor", "First we talk."), ("Jane Okafor", "Then we sign."), ("Jane Okafor", "Then we rest,")],
        ),
        ("scare quotes have no speaker", "The so-called \"peace plan\" was published on Monday.", &[]),
        ("open world name", "\"We will win,\" Gen. Michael Flynn said.", &[("Michael Flynn", "We will win,")]),
        (
            "short form resolves to the full name",
            "Michael Flynn arrived late. \"We will win,\" Flynn said.",
            &[("Michael Flynn", "We will win,")],
        ),
        (
            "title and short form",
            "Donald Smith arrived late. \"We will win,\" Mr. Smith said.",
            &[("Donald Smith", "We will win,")],
        ),
        ("spelling variants unify", "\"We are ready,\" Zelenskiy said.", &[("Volodymyr Zelenskyy", "We are ready,")]),
        (
            "markdown debris",
            "Kremlin spokesperson Dmitry Peskov [told](#) reporters that the \"doors remain open.\"",
            &[("Dmitry Peskov", "doors remain open.")],
        ),
        ("guillemets", "Peskov said: «Мы готовы — we are ready.»", &[("Dmitry Peskov", "Мы готовы — we are ready.")]),
        (
            "question mark before attribution",
            "\"Who will sign it?\" Maddow asked. \"Nobody,\" Clinton replied.",
            &[("Maddow", "Who will sign it?"), ("Clinton", "Nobody,")],
        ),
        (
            "headline colon",
            "Kasich: 'We will go all the way to Cleveland'",
            &[("Kasich", "We will go all the way to Cleveland")],
        ),
        (
            "curly apostrophes are not quotes",
            "Peskov said Kyiv’s ’90s were over. \"It’s done,\" he said.",
            &[("Dmitry Peskov", "It’s done,")],
        ),
        (
            "unnamed source kept as written",
            "\"The lines were down,\" local officials said.",
            &[("local officials", "The lines were down,")],
        ),
        ("emoji", "\"Peace 🕊 now,\" Peskov said.", &[("Dmitry Peskov", "Peace 🕊 now,")]),
        (
            "a speech cue wins over a nearer stance verb",
            "Peskov said talks went well but noted Russia continues its \"special operation\" for now.",
            &[("Dmitry Peskov", "special operation")],
        ),
    ];
    check(cases, rows);
}

#[test]
fn claim_cases() {
    let cases: &[Case] = &[
        (
            "said, bare clause",
            "Peskov said the talks originally scheduled for Feb. 1 were postponed.",
            &[("Dmitry Peskov", "the talks originally scheduled for Feb. 1 were postponed")],
        ),
        (
            "told with object and time, that",
            "Peskov told reporters on Wednesday that the doors remain open.",
            &[("Dmitry Peskov", "the doors remain open")],
        ),
        ("denied that", "Ushakov denied that any list was discussed.", &[("Yuri Ushakov", "any list was discussed")]),
        (
            "trailing attribution",
            "A second round of talks will take place on February 1, the Kremlin said.",
            &[("Kremlin", "A second round of talks will take place on February 1")],
        ),
        (
            "unnamed source as written",
            "Thousands were without power on Wednesday, local officials said.",
            &[("local officials", "Thousands were without power on Wednesday")],
        ),
        (
            "according to, fronted, with apposition",
            "According to Dmitry Peskov, press secretary to the president, the talks were delayed.",
            &[("Dmitry Peskov", "the talks were delayed")],
        ),
        (
            "according to, trailing",
            "The talks were delayed, according to the Kremlin.",
            &[("Kremlin", "The talks were delayed")],
        ),
        (
            "participles chain",
            "Umerov said that a synchronization is planned, noting that they are working hard.",
            &[("Rustem Umerov", "a synchronization is planned"), ("Rustem Umerov", "they are working hard")],
        ),
        (
            "mixed clause",
            "Peskov said contacts had begun, but with \"significant work ahead\".",
            &[("Dmitry Peskov", "contacts had begun, but with \"significant work ahead\"")],
        ),
        (
            "narrator's aside is not the claim",
            "Peskov said the next round is planned for next week, but he had not provided an exact date.",
            &[("Dmitry Peskov", "the next round is planned for next week")],
        ),
        (
            "a question is not a claim; the refusal is",
            "Asked whether the truce holds, Peskov declined to comment.",
            &[("Dmitry Peskov", "to comment")],
        ),
        (
            "an object statement",
            "Peskov reiterated the invitation to the Ukrainian leader.",
            &[("Dmitry Peskov", "the invitation to the Ukrainian leader")],
        ),
        ("a prepositional object", "Trump warned of a recession.", &[("Donald Trump", "of a recession")]),
        (
            "the addressee of spoke is not a claim",
            "Speaking to TASS, Peskov confirmed the date.",
            &[("Dmitry Peskov", "the date")],
        ),
        ("the addressee of told is not a claim", "\"We will see,\" he told CNN's Chris Cuomo in October.", &[]),
        (
            "an object inside a claim is part of it",
            "Peskov said Moscow maintains its willingness to help.",
            &[("Dmitry Peskov", "Moscow maintains its willingness to help")],
        ),
        ("said as an adjective", "The said agreement expires in May.", &[]),
        ("told as an order", "Reporters were told to leave the room.", &[]),
        ("cue words inside a quotation", "\"Putin said that talks are possible,\" Peskov said.", &[]),
        (
            "date header is not part of a claim",
            " date 2026-02-04 Talks have begun in Abu Dhabi, Umerov said on Wednesday.",
            &[("Rustem Umerov", "Talks have begun in Abu Dhabi")],
        ),
    ];
    check(cases, |t| rows_of(t, &[Kind::Indirect, Kind::Mixed]));
}

/// Organisation heads come from `org_heads.txt`: a name that ends in one is
/// a body, and a personal pronoun does not refer back to it.
#[test]
fn org_heads_come_from_the_lexicon() {
    let text = "\"We stand by the story,\" the Daily Gazette said.\n\n\"It is false,\" he added.";
    let speakers = |lex: Lexicons| -> Vec<String> {
        let engine = Engine::new(lex, Options { keep_unattributed: true });
        let doc = Document { source: "case".into(), date: Some("2026-02-04".into()), title: None, text: text.into() };
        engine.extract(&doc).into_iter().filter(|r| r.kind == Kind::Direct).map(|r| r.speaker).collect()
    };
    // "Gazette" is not a built-in head: the paper reads as a person
    assert_eq!(speakers(Lexicons::builtin().unwrap()), ["Daily Gazette", "Daily Gazette"]);
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("org_heads.txt"), "Gazette\n").unwrap();
    let got = speakers(Lexicons::with_dir(dir.path()).unwrap());
    assert_eq!(got[0], "Daily Gazette");
    assert_ne!(got[1], "Daily Gazette", "a pronoun referred to an organisation: {got:?}");
}

/// A cue of several words is found whatever its length (the two words are
/// joined on the stack when they fit, on the heap when they do not).
#[test]
fn long_multi_word_cues_from_a_lexicon_are_found() {
    let first = "a".repeat(40);
    let second = "b".repeat(40);
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("cues.tsv"), format!("longcue\tsay\t{first} {second}\n")).unwrap();
    let engine = Engine::new(Lexicons::with_dir(dir.path()).unwrap(), Options::default());
    let text = format!("\"We are ready,\" Peskov {first} {second}.");
    let doc = Document { source: "case".into(), date: Some("2026-02-04".into()), title: None, text };
    let rows: Vec<(String, String)> = engine.extract(&doc).into_iter().map(|r| (r.speaker, r.cue)).collect();
    assert_eq!(rows, [("Dmitry Peskov".to_string(), format!("{first} {second}"))]);
}
