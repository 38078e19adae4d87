//! The `quotelink` binary: parse arguments, run, print the error chain once,
//! exit with a documented code (see `cli::Exit`).

use std::process::ExitCode;

// Extraction allocates many small strings; mimalloc handles that pattern
// markedly faster than the system allocator (see README, Speed).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use quotelink::cli::{self, Cli, Exit};

fn main() -> ExitCode {
    cli::extract::install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { Exit::Fatal as u8 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli::run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            if cli::extract::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("quotelink: error: {e:#}");
            ExitCode::from(Exit::Fatal as u8)
        }
    }
}
