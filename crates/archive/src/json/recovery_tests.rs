//! One bad value costs that value: the readers' recovery, end to end.

use super::*;

fn stream(input: &[u8]) -> (Vec<Value>, Streamed) {
    let mut out = Vec::new();
    let streamed = for_each_element(input, Prefix::Assignment, |_, v| {
        out.push(v);
        Ok::<(), ()>(())
    })
    .unwrap();
    (out, streamed)
}

#[test]
fn a_broken_element_is_skipped_with_its_line_and_column_and_the_rest_is_read() {
    let (got, streamed) = stream(b"x = [\n  {\"a\": 1},\n  {\"b\": tru},\n  {\"c\": 3}\n]");
    assert_eq!(got.len(), 2);
    assert_eq!(got[1]["c"], 3);
    assert_eq!(streamed.elements(), 3);
    match &streamed.recoveries.list[..] {
        [
            Recovery::Skipped {
                index: 1,
                line: 3,
                column: 12,
                ..
            },
        ] => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn one_bad_value_costs_that_value_not_the_file() {
    let mut input = br#"window.YTD.tweets.part0 = [
  {"tweet": {"id_str": "1", "full_text": "cut in half \ud83d"}},
  {"tweet": {"id_str": "2", "full_text": "lone \udc00 low", "retweet_count": 1e400}},
  {"tweet": {"id_str": "3", "full_text": "bad "#
        .to_vec();
    input.extend_from_slice(
        b"\xC3\x28 byte\"}},\n  {\"tweet\": {\"id_str\": \"4\", \"full_text\": \"fine\"}}\n]",
    );
    let (got, streamed) = stream(&input);
    let ids: Vec<&str> = got
        .iter()
        .map(|v| v["tweet"]["id_str"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert_eq!(got[0]["tweet"]["full_text"], "cut in half \u{fffd}");
    assert_eq!(got[0]["tweet"]["full_text.source"], r"cut in half \ud83d");
    assert_eq!(got[1]["tweet"]["full_text"], "lone \u{fffd} low");
    assert_eq!(got[1]["tweet"]["retweet_count"], "1e400");
    assert_eq!(got[2]["tweet"]["full_text"], "bad \u{fffd}( byte");
    assert_eq!(got[2]["tweet"]["full_text.source"], r"bad \xC3( byte");
    assert_eq!(got[3]["tweet"]["full_text"], "fine");
    assert_eq!(streamed.recoveries.repaired, 4);
    assert_eq!(streamed.recoveries.skipped, 0);
    let where_: Vec<String> = streamed
        .recoveries
        .list
        .iter()
        .map(|r| r.locator())
        .collect();
    assert_eq!(where_[0], "[0] /tweet/full_text, line 2, column 42");
    assert!(
        where_[2].starts_with("[1] /tweet/retweet_count, line 3"),
        "{where_:?}"
    );
}

#[test]
fn a_bad_value_in_a_buffer_sized_file_is_still_recovered() {
    // Elements spread over many reads: recovery must wait for the whole element.
    let mut input = b"x = [".to_vec();
    for i in 0..5000 {
        input.extend_from_slice(
            format!("{{\"n\": {i}, \"t\": \"padding padding padding padding\"}},").as_bytes(),
        );
    }
    input.extend_from_slice(br#"{"n": 5000, "t": "\ud83d"}, {"n": 5001}]"#);
    let (got, streamed) = stream(&input);
    assert_eq!(got.len(), 5002);
    assert_eq!(got[5000]["t"], "\u{fffd}");
    assert_eq!(streamed.recoveries.repaired, 1);
}

#[test]
fn whole_files_are_repaired_too() {
    let (v, rec) = read_value_recovering(&br#"{"a": "\ud800", "b": 1}"#[..], Prefix::None).unwrap();
    assert_eq!(v["a"], "\u{fffd}");
    assert_eq!(v["a.source"], r"\ud800");
    assert_eq!(rec.repaired, 1);
    let file = br#"{"participants": [{"name": "A"}], "messages": [{"content": "x\udc01"}, {"content": "ok"}], "title": "t\udc02"}"#;
    let mut seen = Vec::new();
    let object = read_object_streaming(&file[..], "messages", |_, _, m| {
        seen.push(m);
        Ok::<(), ()>(())
    })
    .unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0]["content.source"], r"x\udc01");
    assert_eq!(object.fields["title.source"], r"t\udc02");
    assert_eq!(object.recoveries.repaired, 2);
}

#[test]
fn a_truncated_file_is_still_an_error() {
    let result = for_each_element(
        &b"x = [{\"a\": 1}, {\"b\": \"\\ud83d"[..],
        Prefix::Assignment,
        |_, _| Ok::<(), ()>(()),
    );
    assert!(result.unwrap_err().unwrap_err().eof);
}
