//! `quotelink completions SHELL` and `quotelink man`: shell completion
//! scripts and a man page, generated from the command-line definition so
//! they never drift from `--help`.

use clap::CommandFactory;

use super::{Cli, Exit};

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  quotelink completions bash > ~/.local/share/bash-completion/completions/quotelink
  quotelink completions zsh > ~/.zfunc/_quotelink
  quotelink completions fish > ~/.config/fish/completions/quotelink.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Print a man page (roff), or write them all to a directory.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  Every page (quotelink.1 and quotelink-SUBCOMMAND.1), as `man` finds them:
    quotelink man --dir /usr/local/share/man/man1
  One page on standard output:
    quotelink man extract | man -l -")]
pub struct ManArgs {
    /// The subcommand whose page to print (extract, check, compare, report,
    /// completions, man); the top page when not given.
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,

    /// Write every page into DIR (quotelink.1, quotelink-extract.1, …)
    /// instead of printing one.
    #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
    pub dir: Option<std::path::PathBuf>,
}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<Exit> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "quotelink", &mut out);
    emit(&out)
}

pub fn man(args: ManArgs) -> anyhow::Result<Exit> {
    let top = Cli::command();
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: cannot create directory: {e}", dir.display()))?;
        // the top page's SEE ALSO/SUBCOMMANDS name quotelink-SUB(1): write them all
        let mut pages = vec![("quotelink".to_string(), top.clone())];
        for sub in top.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = format!("quotelink-{}", sub.get_name());
            pages.push((name.clone(), sub.clone().name(name)));
        }
        for (name, cmd) in pages {
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            quotelink::write_file_atomically(&dir.join(format!("{name}.1")), &out)?;
        }
        return Ok(Exit::Ok);
    }
    let cmd = match &args.subcommand {
        None => top,
        Some(name) => {
            let Some(sub) = top.find_subcommand(name) else {
                let known: Vec<&str> = top.get_subcommands().map(|s| s.get_name()).collect();
                anyhow::bail!("no subcommand {name:?}; the subcommands are {}", known.join(", "));
            };
            sub.clone().name(format!("quotelink-{name}"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    emit(&out)
}

fn emit(bytes: &[u8]) -> anyhow::Result<Exit> {
    super::common::write_whole(None, bytes)?;
    Ok(Exit::Ok)
}
