//! The command line: one file per subcommand, each with one `run` entry
//! point; `main` only parses, dispatches and maps errors to exit codes.

pub mod check;
pub mod common;
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

/// Prints the library's warnings and failures to standard error as
/// `quotelink: warning: …` / `quotelink: error: …` (warnings not when
/// quiet), keeping clear of a progress bar, and counts them.
pub(crate) struct Reporter {
    quiet: bool,
    bar: Option<indicatif::ProgressBar>,
    /// Inputs that failed, reported so far.
    pub failures: usize,
    /// Warnings reported so far (printed or not).
    pub warnings: usize,
}

impl Reporter {
    /// A reporter that prints warnings unless `quiet` (errors always).
    pub fn new(quiet: bool) -> Reporter {
        Reporter { quiet, bar: None, failures: 0, warnings: 0 }
    }

    /// Print above `bar` (suspending it) instead of over it.
    pub fn with_bar(mut self, bar: Option<indicatif::ProgressBar>) -> Reporter {
        self.bar = bar;
        self
    }

    /// The progress bar, to move it.
    pub fn bar(&self) -> Option<indicatif::ProgressBar> {
        self.bar.clone()
    }

    /// Count and print one message.
    pub fn report(&mut self, d: &quotelink::Diagnostic) {
        match d.level {
            quotelink::Level::Warning if self.quiet => {
                self.warnings += 1;
                return;
            }
            quotelink::Level::Warning => self.warnings += 1,
            quotelink::Level::Error => self.failures += 1,
        }
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("quotelink: {d}")),
            None => eprintln!("quotelink: {d}"),
        }
    }

    /// Count and print the messages collected in `diag`, emptying its log.
    pub fn report_all(&mut self, diag: &mut quotelink::Diagnostics) {
        for d in diag.drain() {
            self.report(&d);
        }
    }

    /// Clear the progress bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// A library error as `anyhow` shows it: once, without repeating the I/O
/// error that its own message already includes.
pub(crate) fn plain_error(e: quotelink::Error) -> anyhow::Error {
    match e {
        quotelink::Error::Io { path: None, source } => anyhow::Error::new(source),
        quotelink::Error::Io { path: Some(p), source } => anyhow::Error::new(source).context(p.display().to_string()),
        e => anyhow::Error::new(e),
    }
}

/// Read every document of `paths` (as `extract` does) and hand it to
/// `each`, in input order, on this thread; problems go to `reporter`. For
/// `report`, which keeps whole documents; the others extract through the
/// parallel [`quotelink::Pipeline`] (`common::extract_rows`).
pub(crate) fn read_each(
    paths: &[std::path::PathBuf],
    opts: &quotelink::ReadOptions,
    reporter: &mut Reporter,
    out: Option<&std::path::Path>,
    each: &mut dyn FnMut(quotelink::Document),
) -> anyhow::Result<()> {
    let mut diag = quotelink::Diagnostics::default();
    let mut sources = quotelink::expand_paths(paths, &mut diag);
    reporter.report_all(&mut diag);
    common::guard_output(paths, &mut sources, out, reporter)?;
    for item in quotelink::Reader::new(sources, opts) {
        if let Some(doc) = item.into_document(&mut diag) {
            each(doc);
        }
        reporter.report_all(&mut diag);
    }
    Ok(())
}

/// The lexicons of `lang` (`--lang CODE|DIR`), extended by the files in
/// `dir` when given (`--lexicons DIR`); the same for every subcommand that
/// reads articles.
pub(crate) fn load_lexicons(lang: &str, dir: Option<&std::path::Path>) -> anyhow::Result<quotelink::Lexicons> {
    // the library error's message already says everything (every malformed
    // line, the OS error): not again as its source
    quotelink::Lexicons::load(quotelink::Lang::from_arg(lang), dir).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Run the parsed command line's subcommand.
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// `--help` teaches: every flag and argument of every subcommand says
    /// what it does.
    #[test]
    fn every_flag_has_help() {
        let top = super::Cli::command();
        let mut missing = Vec::new();
        for sub in top.get_subcommands() {
            for arg in sub.get_arguments() {
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{} {}", sub.get_name(), arg.get_id()));
                }
            }
        }
        assert!(missing.is_empty(), "flags without help: {missing:?}");
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
