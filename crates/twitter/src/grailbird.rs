//! The Grailbird archive (2012 to early 2019): monthly `data/js/tweets/YYYY_MM.js`
//! files, `user_details.js`, `tweet_index.js`, and `tweets.csv`.

use freehold_archive::csv::{CsvLimits, CsvReader};
use freehold_archive::json::{self, Prefix};
use freehold_archive::{Archive, Entry, Error, Fate, ParseContext, Severity};
use freehold_model::{Account, Post, ProfileField};
use serde_json::{Map, Value};

use crate::detect::{JsKind, find_tweets_csv, is_js, is_viewer, sniff_js};
use crate::media::MediaIndex;
use crate::tweet::{self, Source, State, clean_text};
use crate::util::{
    IDS, Out, PLATFORM, field_id, integer, is_real_id, named_account, str_exact, stub_account,
};

/// Parses a Grailbird archive; `csv_only` when it has no monthly js files.
pub(crate) fn parse(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    csv_only: bool,
) -> Result<(), Error> {
    let mut state = State {
        media: MediaIndex::build(archive),
        ..State::default()
    };
    let (months, vars) = js_files(archive, cx)?;
    // The owner first, so that tweets can point at them.
    let index = read_vars(archive, cx, &mut state, &vars)?;
    missing_months(archive, cx, &index);
    for entry in &months {
        read_month(archive, cx, &mut state, entry, &index)?;
    }
    if let Some(csv) = find_tweets_csv(archive) {
        if csv_only || months.is_empty() {
            tweets_csv(archive, cx, &mut state, csv)?;
        } else {
            cx.set_fate(
                csv,
                Fate::Skipped,
                "the same tweets as data/js/tweets/, which were read instead",
            );
        }
    }
    state.media.emit_unclaimed(cx)?;
    Ok(())
}

/// The monthly tweet files, and the variables with their names.
type JsFiles<'a> = (Vec<&'a Entry>, Vec<(&'a Entry, String)>);

/// The archive's Grailbird js files: the monthly tweet files, and the variables
/// (`user_details`, `payload_details`, `tweet_index`, …) with their names. The offline
/// viewer's files are skipped.
fn js_files<'a>(archive: &'a Archive, cx: &mut ParseContext<'_>) -> Result<JsFiles<'a>, Error> {
    let mut months: Vec<&Entry> = Vec::new();
    let mut vars: Vec<(&Entry, String)> = Vec::new();
    for entry in archive.entries() {
        if is_viewer(entry) {
            cx.set_fate(entry, Fate::Skipped, "offline viewer");
            continue;
        }
        if !is_js(entry) {
            continue;
        }
        let head = match archive.head(entry, 128) {
            Ok(head) => head,
            Err(e) => {
                cx.entry_error(entry, e)?;
                continue;
            }
        };
        match sniff_js(&head) {
            JsKind::GrailbirdMonth => months.push(entry),
            JsKind::GrailbirdVar(name) => vars.push((entry, name)),
            _ => {}
        }
    }
    Ok((months, vars))
}

/// Reads the Grailbird variables: the owner (`user_details`), the export's date
/// (`payload_details`); returns `tweet_index`, the months with their tweet counts.
fn read_vars(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    vars: &[(&Entry, String)],
) -> Result<Vec<Value>, Error> {
    let mut index = Vec::new();
    for (entry, name) in vars {
        cx.begin_file(entry, name);
        let value = match archive.read_entry(entry, |r| Ok(json::read_value(r, Prefix::Assignment)))
        {
            Ok(value) => value,
            Err(e) => {
                cx.entry_error(entry, e)?;
                continue;
            }
        };
        let value = match value {
            Ok(v) => v,
            Err(e) => {
                cx.file_failed(entry, e.code, Some(e.locator()), e.message);
                continue;
            }
        };
        match name.as_str() {
            "user_details" => user_details(cx, state, entry, &value)?,
            "payload_details" => {
                cx.set_generated_at(str_exact(&value, "created_at").and_then(tweet::tweet_time));
            }
            "tweet_index" => {
                index = value.as_array().cloned().unwrap_or_default();
            }
            _ => cx.set_fate(entry, Fate::Skipped, format!("{name}: viewer data")),
        }
    }
    Ok(index)
}

/// Reports each month `tweet_index.js` lists that the archive does not hold.
fn missing_months(archive: &Archive, cx: &mut ParseContext<'_>, index: &[Value]) {
    for month in index {
        let Some(file) = str_exact(month, "file_name") else {
            continue;
        };
        let path = freehold_archive::normalise(file);
        if archive.get(&path).or_else(|| archive.find(&path)).is_none() {
            cx.diagnose(
                Severity::Error,
                freehold_archive::codes::MISSING_PART,
                Some(&path),
                None,
                format!(
                    "tweet_index.js lists this month ({} tweets) but the archive does not hold it",
                    month.get("tweet_count").and_then(integer).unwrap_or(0)
                ),
            );
        }
    }
}

/// Reads one monthly tweets file, streamed, and checks its count against the one
/// `tweet_index.js` (`index`) gives for it.
fn read_month(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    entry: &Entry,
    index: &[Value],
) -> Result<(), Error> {
    cx.begin_file(entry, "tweets of one month");
    let mut out = Out {
        cx: &mut *cx,
        path: entry.path.clone(),
    };
    let max_record = archive.limits().max_record_bytes;
    let counted = archive.read_entry_with_progress(entry, out.cx.progress(), |r| {
        Ok(json::for_each_element_limited(
            r,
            Prefix::Assignment,
            max_record,
            |i, v| {
                tweet::emit_tweet(&mut out, state, v, &format!("[{i}]"), Source::Timeline)
                    .map(|_| ())
            },
        ))
    });
    let counted = match counted {
        Ok(counted) => counted,
        Err(e) => {
            cx.entry_error(entry, e)?;
            return Ok(());
        }
    };
    match counted {
        Ok(streamed) => {
            cx.json_recovered(entry, &streamed.recoveries);
            let n = streamed.elements();
            if let Some(want) = expected_count(index, &entry.path)
                && i64::try_from(n).ok() != Some(want)
            {
                cx.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::COUNT_MISMATCH,
                    Some(&entry.path),
                    None,
                    format!("tweet_index.js promises {want} tweets, the file holds {n}"),
                );
            }
        }
        Err(Ok(e)) => return Err(e),
        Err(Err(e)) => cx.file_failed(entry, e.code, Some(e.locator()), e.message),
    }
    Ok(())
}

/// How many tweets `tweet_index.js` (`index`) says the month file at `path` holds.
fn expected_count(index: &[Value], path: &str) -> Option<i64> {
    index.iter().find_map(|m| {
        let file = freehold_archive::normalise(str_exact(m, "file_name")?);
        (path.ends_with(&file)).then(|| m.get("tweet_count").and_then(integer))?
    })
}

fn user_details(
    cx: &mut ParseContext<'_>,
    state: &mut State,
    entry: &Entry,
    v: &Value,
) -> Result<(), Error> {
    let Some(uid) = crate::util::id_of(v, "id").filter(|u| is_real_id(u)) else {
        return Ok(());
    };
    state.owner = Some(uid.clone());
    let aid = IDS.account(&uid);
    let mut out = Out {
        cx,
        path: entry.path.clone(),
    };
    out.emit(
        Account {
            is_owner: true,
            extra: crate::util::extra_without(
                v,
                &[
                    "id",
                    "screen_name",
                    "full_name",
                    "bio",
                    "location",
                    "created_at",
                ],
            ),
            ..named_account(&uid, str_exact(v, "screen_name"), str_exact(v, "full_name"))
        },
        "user_details",
    )?;
    let created = str_exact(v, "created_at").and_then(tweet::tweet_time);
    let fields = [
        ("bio", str_exact(v, "bio").map(str::to_string)),
        ("location", str_exact(v, "location").map(str::to_string)),
        ("created_at", created),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            out.emit(
                ProfileField {
                    id: field_id(&aid, name, &[&value, "", ""]),
                    account_id: aid.clone(),
                    field: name.into(),
                    value,
                    ..ProfileField::default()
                },
                "user_details",
            )?;
        }
    }
    Ok(())
}

/// Columns of `tweets.csv` mapped to the model (both header variants).
const CSV_MAPPED: &[&str] = &[
    "tweet_id",
    "in_reply_to_status_id",
    "in_reply_to_user_id",
    "retweeted_status_id",
    "timestamp",
    "text",
];

fn tweets_csv(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    entry: &Entry,
) -> Result<(), Error> {
    cx.begin_file(entry, "tweets (CSV)");
    let mut out = Out {
        cx: &mut *cx,
        path: entry.path.clone(),
    };
    let author = state.owner_account(&mut out);
    let limits = CsvLimits::from_limits(archive.limits());
    let read = archive.read_entry_with_progress(entry, out.cx.progress(), |r| {
        // Bounded in memory and forgiving: see `freehold_archive::csv`.
        let mut reader = CsvReader::open(r, &|h| h.col("tweet_id").is_some(), limits)?;
        let Some(header) = reader.header.clone() else {
            return Ok(Err(CsvStop::NoHeader));
        };
        let mut line = 1;
        loop {
            let next = reader.next_row();
            for note in reader.notes.drain(..) {
                out.diagnose(
                    note.severity,
                    note.code,
                    &format!("line {}", note.line),
                    note.message,
                );
            }
            let record = match next {
                Ok(Some(row)) => row,
                Ok(None) => break,
                Err(e) => return Ok(Err(CsvStop::Csv(line, e.to_string()))),
            };
            line = record.line;
            let loc = format!("line {line}");
            let get = |name: &str| {
                header
                    .col(name)
                    .and_then(|i| record.fields.get(i))
                    .map(String::as_str)
                    .filter(|s| !s.is_empty())
            };
            let Some(native) = get("tweet_id") else {
                crate::util::skipped_without_id(
                    &mut out,
                    &loc,
                    "a tweets.csv row without tweet_id was skipped",
                );
                continue;
            };
            let mut extra = Map::new();
            for (i, h) in header.names.iter().enumerate() {
                if !CSV_MAPPED.contains(&h.as_str())
                    && let Some(value) = record.fields.get(i).filter(|s| !s.is_empty())
                {
                    extra.insert(h.clone(), Value::from(value.as_str()));
                }
            }
            let raw = get("text").unwrap_or("");
            let pairs = csv_url_pairs(raw, get("expanded_urls"));
            let created = tweet::checked_time(&mut out, get("timestamp"), &loc);
            if let Some(ts) = get("timestamp") {
                extra.insert("timestamp".into(), Value::from(ts));
            }
            let reply_user = get("in_reply_to_user_id").filter(|u| is_real_id(u));
            if let Some(uid) = reply_user
                && state.owner.as_deref() != Some(uid)
                && let Err(e) = out.emit(stub_account(uid), &loc)
            {
                return Ok(Err(CsvStop::Sink(e)));
            }
            // The retweeted tweet's author is known here only by id.
            let repost_user = get("retweeted_status_user_id").filter(|u| is_real_id(u));
            if let Some(uid) = repost_user
                && state.owner.as_deref() != Some(uid)
                && let Err(e) = out.emit(stub_account(uid), &loc)
            {
                return Ok(Err(CsvStop::Sink(e)));
            }
            let repost_of = get("retweeted_status_id").map(|n| IDS.post(n));
            let emitted = out.emit(
                Post {
                    id: IDS.post(native),
                    platform: PLATFORM.into(),
                    native_id: Some(native.to_string()),
                    kind: if repost_of.is_some() {
                        "repost"
                    } else {
                        "tweet"
                    }
                    .into(),
                    author_account: author.clone(),
                    created_at: created,
                    text: Some(clean_text(raw, &pairs)),
                    text_format: Some("plain".into()),
                    url: Some(format!("https://twitter.com/i/web/status/{native}")),
                    in_reply_to: get("in_reply_to_status_id").map(|n| IDS.post(n)),
                    in_reply_to_account: reply_user.map(|n| IDS.account(n)),
                    repost_of,
                    extra: Some(extra),
                    ..Post::default()
                },
                &loc,
            );
            if let Err(e) = emitted {
                return Ok(Err(CsvStop::Sink(e)));
            }
        }
        Ok(Ok(()))
    });
    match read {
        Err(e) => cx.entry_error(entry, e),
        Ok(Ok(())) => Ok(()),
        Ok(Err(CsvStop::Csv(line, message))) => {
            cx.file_failed(
                entry,
                freehold_archive::codes::CSV,
                Some(format!("line {line}")),
                message,
            );
            Ok(())
        }
        Ok(Err(CsvStop::NoHeader)) => {
            cx.file_failed(
                entry,
                freehold_archive::codes::NO_HEADER,
                Some("line 1".into()),
                "no header naming the column tweet_id was found",
            );
            Ok(())
        }
        Ok(Err(CsvStop::Sink(e))) => Err(e),
    }
}

/// Why reading `tweets.csv` stopped.
enum CsvStop {
    /// No record names `tweet_id`.
    NoHeader,
    /// The CSV could not be read on from this line.
    Csv(u64, String),
    /// The sink refused a record: the import stops.
    Sink(Error),
}

/// Pairs the t.co links in a CSV tweet's text with the comma-joined `expanded_urls`, in
/// order, when the counts agree.
fn csv_url_pairs(text: &str, expanded: Option<&str>) -> Vec<(String, String)> {
    let Some(expanded) = expanded else {
        return Vec::new();
    };
    let shorts: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.starts_with("http://t.co/") || w.starts_with("https://t.co/"))
        .collect();
    let longs: Vec<&str> = expanded
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if shorts.len() != longs.len() {
        return Vec::new();
    }
    shorts
        .into_iter()
        .zip(longs)
        .map(|(s, l)| (s.to_string(), l.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_links_pair_in_order() {
        let pairs = csv_url_pairs(
            "see http://t.co/a and https://t.co/b",
            Some("http://one.example/,http://two.example/"),
        );
        assert_eq!(pairs.len(), 2);
        assert_eq!(
            pairs[1],
            ("https://t.co/b".into(), "http://two.example/".into())
        );
        assert!(csv_url_pairs("no links", Some("http://x.example/")).is_empty());
    }

    #[test]
    fn time_of_grailbird() {
        assert_eq!(
            freehold_model::time::from_format_with_offset(
                "2014-05-27 12:24:35 +0000",
                "%Y-%m-%d %H:%M:%S %z"
            )
            .as_deref(),
            Some("2014-05-27T12:24:35Z")
        );
    }
}
