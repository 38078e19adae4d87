//! What `check` and `compare` share on the command line: library errors
//! worded as these subcommands have always worded them.

use quotelink::Error;

/// The library's error for the command line: a file that cannot be opened
/// reads `FILE: cannot read: REASON` (as before the reading moved into the
/// library); every other error prints as the library words it.
pub(crate) fn library_error(e: Error) -> anyhow::Error {
    match e {
        Error::Io { path: Some(path), source } => {
            anyhow::Error::new(source).context(format!("{}: cannot read", path.display()))
        }
        e => e.into(),
    }
}
