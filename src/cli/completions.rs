//! `quotelink completions SHELL` and `quotelink man`: shell completion
//! scripts and a man page, generated from the command-line definition so
//! they never drift from `--help`.

use std::io::{self, Write};

use clap::CommandFactory;

use super::{Cli, Exit};

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  quotelink completions bash > ~/.local/share/bash-completion/completions/quotelink
  quotelink completions zsh > ~/.zfunc/_quotelink
  quotelink completions fish > ~/.config/fish/completions/quotelink.fish")]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Print the man page (roff).
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  quotelink man > /usr/local/share/man/man1/quotelink.1")]
pub struct ManArgs {}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<Exit> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "quotelink", &mut out);
    emit(&out)
}

pub fn man(_: ManArgs) -> anyhow::Result<Exit> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    emit(&out)
}

fn emit(bytes: &[u8]) -> anyhow::Result<Exit> {
    match io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(Exit::Ok),
    }
}
