//! The diagnostic codes are one documented list: `freehold_archive::codes`, and the
//! table of `docs/robustness.md`. A `Code` can only be made inside that module, so the
//! compiler already refuses a code that is not one of its constants; what is left to
//! check is that every constant is in `ALL` and in the guide.

use std::path::Path;

use freehold_archive::codes::{ALL, Code};

/// The names of the `pub const NAME: Code = Code::new("name");` lines of `codes.rs`.
fn declared_codes() -> Vec<String> {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/archive/src/codes.rs"),
    )
    .unwrap();
    source
        .lines()
        .filter(|l| l.starts_with("pub const ") && l.contains(": Code = Code::new(\""))
        .filter_map(|l| l.split('"').nth(1).map(str::to_string))
        .collect()
}

#[test]
fn every_declared_code_is_in_all() {
    let declared = declared_codes();
    // The scan must see the codes it checks (a change of layout would make it vacuous).
    assert!(declared.len() >= 50, "{declared:?}");
    for name in &declared {
        assert!(
            Code::find(name).is_some(),
            "{name} is declared in codes.rs but missing from codes::ALL"
        );
    }
    assert_eq!(
        declared.len(),
        ALL.len(),
        "ALL lists a code twice or one not declared"
    );
}

#[test]
fn the_robustness_guide_lists_every_code_and_no_other() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/robustness.md"))
            .unwrap();
    for code in ALL {
        assert!(
            guide.contains(&format!("| `{code}` |")),
            "{code} is not in docs/robustness.md"
        );
    }
    // Every row of the codes table must be a real code.
    let table = guide
        .split_once("## Diagnostic codes")
        .map(|(_, rest)| rest.split("\n## ").next().unwrap_or(rest))
        .expect("docs/robustness.md has a `## Diagnostic codes` section");
    let mut rows = 0;
    for line in table.lines() {
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let Some((name, tail)) = rest.split_once('`') else {
            continue;
        };
        if tail.starts_with(" |")
            && !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && line.matches('|').count() == 3
        {
            assert!(
                Code::find(name).is_some(),
                "docs/robustness.md lists `{name}`, which is no code"
            );
            rows += 1;
        }
    }
    assert_eq!(rows, ALL.len(), "the codes table lists a code twice");
}
