//! The `quotelink` binary: parse arguments, run, print the error chain once,
//! exit with a documented code (see `cli::Exit`). The command line is a
//! client of the library's public API (`quotelink::…`) and of nothing else.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Exit};

// Extraction allocates many small strings; mimalloc handles that pattern
// markedly faster than the system allocator (see README, Speed).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v3); `libmimalloc-sys` exports no
/// constant for it. The test below checks that it is the option it claims.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keep freed memory for reuse instead of returning it to the OS. By
/// default mimalloc decommits pages that stay free for a second, and the
/// next batches of documents fault them back in: on a 100 MB corpus that
/// is about 2,000 page faults against 370 (a few per cent of a one-core
/// run). Memory in use is bounded by the documents in flight either way,
/// so peak memory is the same.
fn keep_freed_memory() {
    // SAFETY: sets one integer option; mimalloc reads options atomically and
    // documents them as settable at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    keep_freed_memory();
    cli::extract::install_panic_hook();
    // Ctrl-C, SIGTERM, SIGHUP: the output file is only ever replaced whole,
    // so it is intact; remove the unfinished temporary file beside it
    let _ = ctrlc::set_handler(|| {
        quotelink::remove_unfinished_outputs();
        std::process::exit(130);
    });
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            // a usage error, with the prefix every other message has
            let msg = e.render();
            if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                eprint!("quotelink: {}", msg.ansi());
            } else {
                eprint!("quotelink: {msg}");
            }
            return ExitCode::from(Exit::Fatal as u8);
        }
        Err(e) => {
            // --help, --version
            let _ = e.print();
            return ExitCode::SUCCESS;
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

#[cfg(test)]
mod tests {
    #[test]
    fn purge_delay_option_is_the_one_set() {
        // mimalloc's documented default purge delay is 1000 ms (options.c);
        // a different value would mean option 15 is another option.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(default, 1000);
        }
        super::keep_freed_memory();
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) }, -1);
    }
}
