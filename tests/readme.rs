//! The README in step with the binary: every `console` block's `$ quotelink
//! …` command is run (through `sh`, with the built binary first on PATH)
//! and must print exactly the lines the README shows under it.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// (command, expected output) for each `$ ` line of each console block.
fn examples(readme: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut in_block = false;
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            in_block = line.trim() == "```console";
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.push((cmd.to_string(), String::new()));
        } else if let Some((_, expected)) = out.last_mut() {
            expected.push_str(line);
            expected.push('\n');
        }
    }
    out
}

#[test]
fn the_readme_examples_print_what_the_readme_shows() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(!examples.is_empty(), "the README shows at least one example");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_quotelink"));
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    for (cmd, expected) in examples {
        assert!(cmd.starts_with("quotelink "), "an example runs quotelink: {cmd}");
        let out = Command::new("sh").arg("-c").arg(&cmd).current_dir(root()).env("PATH", &path).output().unwrap();
        let got = String::from_utf8_lossy(&out.stdout);
        assert_eq!(got, expected, "README example `{cmd}` prints something else: update the README");
    }
}

#[test]
fn the_example_shows_every_column() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let header = quotelink::HEADER.join(",");
    assert!(readme.contains(&format!("\n{header}\n")), "the README's example output has the header {header}");
}
