//! The diagnostic codes are one documented list: `freehold_archive::codes`, and the
//! table of `docs/robustness.md`.

use std::path::Path;

use freehold_archive::codes::ALL;

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals a diagnostic is made with: after a severity, as the code of
/// `file_failed`, or as a `code:` field.
fn literal_codes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let squeezed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for marker in [
        "Severity::Info, \"",
        "Severity::Warning, \"",
        "Severity::Error, \"",
        "code: \"",
    ] {
        let mut rest = squeezed.as_str();
        while let Some(at) = rest.find(marker) {
            rest = &rest[at + marker.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].to_string());
            }
        }
    }
    found
}

#[test]
fn every_code_a_crate_uses_is_in_the_documented_list() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("crates"),
        &mut files,
    );
    let mut missing = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        // Test modules make up codes of their own.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for code in literal_codes(text) {
            if !ALL.contains(&code.as_str()) && !file.ends_with("tests.rs") {
                missing.push(format!("{}: {code}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "codes missing from freehold_archive::codes: {missing:?}"
    );
}

#[test]
fn the_robustness_guide_lists_every_code() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/robustness.md"))
            .unwrap();
    for code in ALL {
        assert!(
            guide.contains(&format!("| `{code}` |")),
            "{code} is not in docs/robustness.md"
        );
    }
}

#[test]
fn the_scan_finds_literal_codes() {
    // The scan above would pass on nothing: it must see a code where one is.
    let sample = "cx.diagnose(\n    Severity::Warning,\n    \"made-up\",\n    None,";
    assert_eq!(literal_codes(sample), ["made-up"]);
}
