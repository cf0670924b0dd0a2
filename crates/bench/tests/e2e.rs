//! The end-to-end measurement imports what the generator promises and measures a floor
//! of the same size. Nothing here looks at a time: these are benchmarks, not timed tests.

use freehold_bench::e2e::{self, floor, import};
use freehold_bench::{Platform, Spec, generate, generate_zip};

#[test]
fn import_and_floor_of_a_small_twitter_zip() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("x.zip");
    let summary = generate_zip(&Spec::new(Platform::Twitter, 500, 3), &zip).unwrap();
    let db = dir.path().join("e2e.sqlite");
    std::fs::write(&db, b"an old database that must be replaced").unwrap();
    let (run, archives) = import(std::slice::from_ref(&zip), &db).unwrap();
    assert_eq!(run.archives.len(), 1);
    assert_eq!(run.archives[0].layout, "twitter/ytd-data-plural");
    assert!(run.archives[0].zip);
    assert_eq!(run.records_by_table.get("posts"), Some(&500));
    assert_eq!(run.problems, 0);
    assert!(run.db_bytes > 0 && run.data_bytes() > 0);

    let rows = 2 * run.records();
    let scratch = dir.path().join("floor.sqlite");
    let f = floor(&archives, rows, run.db_bytes / rows, &scratch).unwrap();
    assert!(f.parse_failures.is_empty(), "{:?}", f.parse_failures);
    assert_eq!(f.bytes, run.data_bytes());
    assert_eq!(f.files, summary.files);
    assert!(f.json_documents >= 7, "{f:?}");
    assert_eq!(f.rows, rows);
    assert!(!scratch.exists(), "the scratch database is deleted");
}

#[test]
fn floor_parses_csv_and_xml() {
    let dir = tempfile::tempdir().unwrap();
    for (platform, size) in [(Platform::Linkedin, 200), (Platform::Hyves, 50)] {
        let folder = dir.path().join(platform.name());
        generate(&Spec::new(platform, size, 4), &folder).unwrap();
        let db = dir.path().join(format!("{platform}.sqlite"));
        let (run, archives) = import(std::slice::from_ref(&folder), &db).unwrap();
        assert!(run.records() > 0);
        let f = floor(&archives, 10, 100, &dir.path().join("scratch.sqlite")).unwrap();
        assert!(
            f.parse_failures.is_empty(),
            "{platform}: {:?}",
            f.parse_failures
        );
        match platform {
            Platform::Linkedin => assert!(f.csv_records > size, "{f:?}"),
            _ => assert!(f.xml_events > size, "{f:?}"),
        }
        e2e::remove_database(&db).unwrap();
        assert!(!db.exists());
    }
}

#[test]
fn parts_of_one_facebook_export_are_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("facebook-jdoe-2025-09-01-AbCd");
    generate(&Spec::new(Platform::Facebook, 300, 5), &a).unwrap();
    let b = dir.path().join("other");
    generate(&Spec::new(Platform::Linkedin, 20, 5), &b).unwrap();
    let groups = e2e::group_parts(&[a.clone(), b.clone()]);
    assert_eq!(groups, vec![vec![a], vec![b]]);
}
