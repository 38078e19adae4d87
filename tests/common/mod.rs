//! Helpers shared by the integration tests that run the real binary.

use std::path::Path;

use assert_cmd::Command;

/// The `quotelink` binary, run in `dir`.
pub fn quotelink(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("quotelink").expect("binary built");
    cmd.current_dir(dir);
    cmd
}

/// Output bytes as text (lossy).
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
