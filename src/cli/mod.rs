//! The command line: one file per subcommand, each with one `run` entry
//! point; `main` only parses, dispatches and maps errors to exit codes.

pub mod check;
pub mod compare;
pub mod completions;
pub mod extract;
pub mod report;
mod rows;

use clap::{Parser, Subcommand};

/// Exit codes (documented in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything was read and written.
    Ok = 0,
    /// Some inputs (files, JSONL lines) failed; the others were processed.
    SomeInputsFailed = 1,
    /// Usage error or a fatal error (bad lexicons, unwritable output).
    Fatal = 2,
}

#[derive(Debug, Parser)]
#[command(
    name = "quotelink",
    version,
    about = "Extract who said what, and when, from news articles",
    long_about = "quotelink reads news articles and writes one row per quotation or reported claim: \
the speaker, the words and the article's date, with the cue, the rule and byte offsets that \
explain each row.",
    after_help = "Examples:\n  quotelink extract tests/data/articles -o out/quotes.csv\n  \
quotelink extract articles.jsonl.gz --format jsonl > rows.jsonl\n  \
cat article.txt | quotelink extract - --date 2026-02-04\n  \
quotelink check tests/data/gold_direct.csv tests/data/articles --kind direct\n  \
quotelink compare tests/data/articles --speaker Peskov --format markdown\n\n\
Exit codes: 0 success, 1 some inputs failed (others processed), 2 usage or fatal error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Extract(extract::Args),
    Check(check::Args),
    Compare(compare::Args),
    Report(report::Args),
    Completions(completions::CompletionsArgs),
    Man(completions::ManArgs),
}

/// Read every document of `paths` (as `extract` does) and hand it, with its
/// rows, to `each`, on this thread. Problems go to `diag` in input order.
/// For the subcommands that work on whole results (check, compare, report);
/// `extract` streams through its own parallel pipeline instead.
pub(crate) fn extract_each(
    paths: &[std::path::PathBuf],
    opts: &crate::input::ReadOptions,
    engine: &crate::Engine,
    diag: &mut crate::input::Diagnostics,
    each: &mut dyn FnMut(crate::Document, Vec<crate::Record>),
) -> anyhow::Result<()> {
    let mut parse = crate::input::Diagnostics::collector();
    for src in crate::input::expand_paths(paths, diag) {
        crate::input::read_source(&src, opts, diag, &mut |item| {
            if let Some(doc) = item.into_document(opts, &mut parse) {
                let rows = engine.extract(&doc);
                each(doc, rows);
            }
            Ok(())
        })?;
    }
    diag.replay(parse);
    Ok(())
}

/// The lexicons of `lang` (`--lang CODE|DIR`), extended by the files in
/// `dir` when given (`--lexicons DIR`); the same for every subcommand that
/// reads articles.
pub(crate) fn load_lexicons(lang: &str, dir: Option<&std::path::Path>) -> anyhow::Result<crate::Lexicons> {
    // the library error's message already says everything (every malformed
    // line, the OS error): not again as its source
    crate::Lexicons::load(crate::Lang::from_arg(lang), dir).map_err(|e| anyhow::anyhow!("{e}"))
}

pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Check(args) => check::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Report(args) => report::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    }
}
