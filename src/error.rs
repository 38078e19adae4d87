//! The library's error type. Every error names where it happened: the file,
//! and the line or byte offset when there is one. The command line prints
//! it once; a library user can match on it.

use std::fmt;
use std::path::PathBuf;

use crate::lexicon::LexiconErrors;

/// What went wrong, and where.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Lexicon files with malformed lines: every one of them, as `file:line: reason`.
    Lexicon(LexiconErrors),
    /// Reading or writing a file (or a stream) failed.
    Io {
        /// The file, when the error is about one (`None` for a stream).
        path: Option<PathBuf>,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Input that cannot be read as what it claims to be.
    Input {
        /// The file (or JSONL `id`, or `-` for standard input).
        path: String,
        /// The 1-based line, when the input has lines.
        line: Option<u64>,
        /// The byte offset in the file, when known.
        byte: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// Rows that cannot be written in the asked format (a sheet's row limit,
    /// a format that needs a file).
    Output {
        /// What is wrong.
        message: String,
    },
    /// An option with a value the library cannot use (a malformed date, a
    /// language with no lexicon folder).
    Config {
        /// What is wrong.
        message: String,
    },
}

/// A `Result` with the library's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: Some(path.into()), source }
    }

    /// Whether this is a closed pipe on output (`quotelink … | head`), which
    /// a command line treats as a normal end.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Lexicon(e) => write!(f, "{e}"),
            Error::Io { path: Some(p), source } => write!(f, "{}: {source}", p.display()),
            Error::Io { path: None, source } => write!(f, "{source}"),
            Error::Input { path, line, byte, message } => {
                write!(f, "{path}")?;
                if let Some(l) = line {
                    write!(f, ":{l}")?;
                }
                if let Some(b) = byte {
                    write!(f, " (byte {b})")?;
                }
                write!(f, ": {message}")
            }
            Error::Output { message } | Error::Config { message } => write!(f, "{message}"),
        }
    }
}

// The display text already holds the underlying error (a path and the
// operating system's message, every malformed lexicon line), so no source
// is chained: a chain printer (`anyhow`'s `{:#}`) would print it twice.
impl std::error::Error for Error {}

impl From<LexiconErrors> for Error {
    fn from(e: LexiconErrors) -> Error {
        Error::Lexicon(e)
    }
}
