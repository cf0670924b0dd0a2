//! The `hyves/api-dump` layout: every file is classified by content, given a fate, and
//! read in an order that puts people before what refers to them (lookup tables, then the
//! logged-in user, then other users, then everything else).

use std::collections::HashSet;

use freehold_archive::json::{self, Prefix};
use freehold_archive::media::emit_unclaimed;
use freehold_archive::{Archive, Entry, Error, Fate, ParseContext, Severity};
use freehold_model::{Account, time as mtime};

use crate::detect::{self, HEAD, NAMESPACES, Sniff};
use crate::map::Mapper;
use crate::response::{self, Notice, Piece, ReadError};
use crate::state::{LocalFile, State};
use crate::util::{IDS, PLATFORM, looks_like_id, text};

/// One response file to read.
struct DataFile<'a> {
    entry: &'a Entry,
    xml: bool,
    method: Option<String>,
    phase: u8,
}

/// The reading order of a method.
fn phase(method: Option<&str>) -> u8 {
    let Some(method) = method else {
        return 4;
    };
    let (ns, name) = method.split_once('.').unwrap_or((method, ""));
    match (ns, name) {
        ("cities" | "countries" | "regions" | "hubcategories", _) => 1,
        ("tips", "getCategories") | ("pings", "getTypes") => 1,
        ("users", "getLoggedin") => 2,
        ("users", "getScraps" | "getTestimonials" | "getRespects") => 4,
        ("users", _) => 3,
        _ => 4,
    }
}

/// The method named by a path component (`users.getScraps`, or a file `friends.get.xml`),
/// and the index of that component.
pub(crate) fn path_method(path: &str) -> Option<(usize, String)> {
    let parts: Vec<&str> = path.split('/').collect();
    for (i, part) in parts.iter().enumerate().rev() {
        let part = if i + 1 == parts.len() {
            strip_ext(part)
        } else {
            part
        };
        let Some((ns, name)) = part.split_once('.') else {
            continue;
        };
        if NAMESPACES.contains(&ns)
            && !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'.')
        {
            return Some((i, part.to_string()));
        }
    }
    None
}

fn strip_ext(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, ext))
            if ["xml", "json", "txt", "js"].contains(&ext.to_ascii_lowercase().as_str()) =>
        {
            stem
        }
        _ => name,
    }
}

/// A page number in a path: `p0001`, `0001`; but not a v1 (16 characters) or v2 (34
/// characters) id that happens to be all digits.
fn is_page(s: &str) -> bool {
    let digits = s.strip_prefix('p').unwrap_or(s);
    !digits.is_empty()
        && s.len() != 16
        && s.len() != 34
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The parent id a path names: the component after the method folder
/// (`blogs.getComments/<blogid>/p0001.xml`, `media.getSpotted/<mediaid>.xml`), or else
/// the nearest folder (or the file's stem) that looks like an API id.
pub(crate) fn path_parent(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let last = parts.len() - 1;
    if let Some((i, _)) = path_method(path)
        && i < last
    {
        let next = if i + 1 == last {
            strip_ext(parts[last])
        } else {
            parts[i + 1]
        };
        if !next.is_empty() && !is_page(next) && !next.contains(char::is_whitespace) {
            return Some(next.to_string());
        }
    }
    let stem = strip_ext(parts[last]);
    std::iter::once(stem)
        .chain(parts[..last].iter().rev().copied())
        .find(|p| looks_like_id(p))
        .map(str::to_string)
}

/// Parses an API dump.
pub(crate) fn parse(archive: &Archive, cx: &mut ParseContext<'_>) -> Result<(), Error> {
    let mut state = State::default();
    let mut files: Vec<DataFile<'_>> = Vec::new();
    let mut manifests: Vec<&Entry> = Vec::new();
    let mut others: Vec<&Entry> = Vec::new();
    for entry in archive.entries() {
        if detect::is_media_file(entry) {
            cx.set_fate(entry, Fate::Media, "downloaded media file");
            let stem = match entry.file_name().rsplit_once('.') {
                Some((stem, _)) => stem,
                None => entry.file_name(),
            };
            state.files.insert(
                stem.to_string(),
                LocalFile {
                    path: entry.path.clone(),
                    size: entry.size,
                },
            );
            continue;
        }
        let head = match archive.head(entry, HEAD) {
            Ok(head) => head,
            Err(e) => {
                cx.entry_error(entry, e)?;
                continue;
            }
        };
        match detect::sniff(&head) {
            Sniff::Xml { root } => {
                let method = response::method_of_root(&root);
                let phase = if root == "batch_process_result" {
                    4
                } else {
                    phase(method.as_deref())
                };
                files.push(DataFile {
                    entry,
                    xml: true,
                    method,
                    phase,
                });
            }
            Sniff::Json { method } => {
                let logged_in = method.is_none() && detect::looks_logged_in(&head);
                if logged_in {
                    cx.diagnose(
                        Severity::Info,
                        freehold_archive::codes::OWNER_FROM_PRIVATE_FIELDS,
                        Some(&entry.path),
                        None,
                        "this response names no method but holds one user with private fields (email address, phone); it is read as users.getLoggedin, and that user as the owner",
                    );
                }
                let method = method
                    .or_else(|| logged_in.then(|| "users.getLoggedin".to_string()))
                    .or_else(|| path_method(&entry.path).map(|(_, m)| m));
                let phase = phase(method.as_deref());
                files.push(DataFile {
                    entry,
                    xml: false,
                    method,
                    phase,
                });
            }
            Sniff::Manifest => manifests.push(entry),
            Sniff::Other => others.push(entry),
        }
    }
    files.sort_by(|a, b| (a.phase, &a.entry.path).cmp(&(b.phase, &b.entry.path)));

    for entry in manifests {
        read_manifest(archive, entry, cx, &mut state)?;
    }
    for file in &files {
        read_file(archive, file, cx, &mut state)?;
    }
    emit_unclaimed_files(cx, &mut state)?;
    if !state.missing.is_empty() {
        let n = state.missing.len();
        cx.diagnose(
            Severity::Info,
            freehold_archive::codes::MEDIA_NOT_DOWNLOADED,
            None,
            None,
            format!(
                "{n} media item{} {} no file in media/ ({}); only the remote URL is kept",
                if n == 1 { "" } else { "s" },
                if n == 1 { "has" } else { "have" },
                state
                    .missing
                    .iter()
                    .take(5)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    for entry in others {
        report_other(archive, entry, cx)?;
    }
    Ok(())
}

/// A file that is not an API response: listed as unknown, with a word on what it is.
fn report_other(archive: &Archive, entry: &Entry, cx: &mut ParseContext<'_>) -> Result<(), Error> {
    let lower = entry.path.to_ascii_lowercase();
    let texty = [".html", ".htm", ".txt", ".xml", ".json"]
        .iter()
        .any(|e| lower.ends_with(e));
    if texty {
        let head = match archive.head(entry, 64 * 1024) {
            Ok(head) => head,
            Err(e) => return cx.entry_error(entry, e),
        };
        let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
        if text.contains("hyves.nl") || text.contains("hyves-static.net") {
            cx.set_fate(
                entry,
                Fate::Unknown,
                "Hyves data in a format freehold does not read yet",
            );
            cx.diagnose(
                Severity::Warning,
                freehold_archive::codes::HYVES_OTHER_FORMAT,
                Some(&entry.path),
                None,
                "Hyves data in a format freehold does not read yet (not a saved Data-API response); it was not imported",
            );
            return Ok(());
        }
    }
    if lower.ends_with(".xml") || lower.ends_with(".json") {
        cx.set_fate(entry, Fate::Unknown, "not a Hyves Data-API response");
        cx.diagnose(
            Severity::Info,
            freehold_archive::codes::UNKNOWN_FILE,
            Some(&entry.path),
            None,
            "not a Hyves Data-API response (no `*_result` root element or API keys); it was not imported",
        );
    }
    Ok(())
}

fn read_manifest(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
) -> Result<(), Error> {
    cx.begin_file(entry, "manifest of the API dump");
    if entry.size > 1024 * 1024 {
        cx.file_failed(
            entry,
            freehold_archive::codes::TOO_LARGE,
            None,
            "a manifest larger than 1 MiB is not read",
        );
        return Ok(());
    }
    let value = match archive.read_entry(entry, |r| Ok(json::read_value(r, Prefix::None))) {
        Ok(value) => value,
        Err(e) => return cx.entry_error(entry, e),
    };
    let value = match value {
        Ok(v) => v,
        Err(e) => {
            cx.file_failed(entry, e.code, Some(e.locator()), e.message);
            return Ok(());
        }
    };
    if let Some(at) = text(&value, "fetched_at") {
        let parsed = mtime::from_rfc3339(&at).or_else(|| crate::time::epoch_to_utc(&at));
        cx.set_generated_at(parsed);
    }
    state.fancylayout = text(&value, "ha_fancylayout").as_deref() == Some("true");
    if text(&value, "self_userid").is_none() {
        state.owner_handle = text(&value, "username").map(|h| h.to_ascii_lowercase());
    }
    if let Some(userid) = text(&value, "self_userid") {
        state.owner = Some(userid.clone());
        let id = IDS.account(&userid);
        let handle = text(&value, "username");
        if let Some(h) = &handle {
            state.handles.insert(h.to_ascii_lowercase(), id.clone());
        }
        state.accounts.insert(id.clone());
        cx.emit(
            Account {
                id,
                platform: PLATFORM.into(),
                native_id: Some(userid),
                handle,
                is_owner: true,
                ..Account::default()
            },
            &entry.path,
            "self_userid",
        )?;
    }
    Ok(())
}

fn read_file(
    archive: &Archive,
    file: &DataFile<'_>,
    cx: &mut ParseContext<'_>,
    state: &mut State,
) -> Result<(), Error> {
    let entry = file.entry;
    let what = match &file.method {
        Some(m) if m == "batch.process" => "batch.process response".to_string(),
        Some(m) => format!("{m} response"),
        None => "API response".to_string(),
    };
    cx.begin_file(
        entry,
        &format!("{what} ({})", if file.xml { "XML" } else { "JSON" }),
    );
    let path_method = path_method(&entry.path).map(|(_, m)| m);
    let mut mapper = Mapper::new(
        cx,
        state,
        entry.path.clone(),
        path_method,
        path_parent(&entry.path),
    );
    let mut notices: Vec<Notice> = Vec::new();
    let mut repaired = 0u64;
    let result = {
        let repaired = &mut repaired;
        let mapper = &mut mapper;
        let notices = &mut notices;
        let progress = mapper.cx.progress();
        let json_method = file.method.clone();
        let max = archive.limits().max_record_bytes;
        archive.read_entry_with_progress(entry, progress, |r| {
            let mut on_piece = |p: Piece| mapper.piece(p);
            Ok(if file.xml {
                response::read_xml(r, max, &mut on_piece, &mut |n| notices.push(n))
            } else {
                response::read_json_repairing(r, json_method, max, &mut on_piece, repaired)
            })
        })
    };
    let outcome = mapper.finish();
    let result = match result {
        Ok(result) => result,
        Err(e) => return cx.entry_error(entry, e),
    };
    if repaired > 0 {
        cx.diagnose(
            Severity::Warning,
            freehold_archive::codes::VALUE_REPAIRED,
            Some(&entry.path),
            None,
            format!(
                "{repaired} values held a lone UTF-16 surrogate or bytes that are not UTF-8; each was read with U+FFFD in place of the bad part, and the rest of the file as written"
            ),
        );
    }
    let mut kept = HashSet::new();
    for notice in notices {
        match notice {
            Notice::DtdEntities(names) => cx.diagnose(
                Severity::Warning,
                freehold_archive::codes::XML_DTD_ENTITIES,
                Some(&entry.path),
                None,
                format!(
                    "the document declares DTD entities ({}); freehold never expands DTD entities, so references to them are kept as written",
                    names.join(", ")
                ),
            ),
            Notice::BytesRepaired(n) => cx.diagnose(
                Severity::Warning,
                freehold_archive::codes::VALUE_REPAIRED,
                Some(&entry.path),
                None,
                format!("{n} bytes that are not UTF-8 were read as U+FFFD; the rest of the file was read as written"),
            ),
            Notice::UnexpandedEntity(name) => {
                if kept.insert(name.clone()) {
                    cx.diagnose(
                        Severity::Info,
                        freehold_archive::codes::XML_ENTITY_KEPT,
                        Some(&entry.path),
                        None,
                        format!("the entity reference &{name}; was kept as written, not expanded"),
                    );
                }
            }
        }
    }
    match result {
        Ok(()) => {}
        Err(ReadError::Stopped(e)) => return Err(e),
        Err(ReadError::TooLarge { locator, limit }) => {
            cx.file_failed(
                entry,
                freehold_archive::codes::RECORD_TOO_LARGE,
                Some(locator),
                format!(
                    "one item is larger than the limit of {limit} bytes; records before it were imported, the rest of the file was not read"
                ),
            );
            return Ok(());
        }
        Err(ReadError::Syntax {
            locator,
            message,
            eof,
        }) => {
            let what = if eof {
                "the file ends early (truncated?)"
            } else if file.xml {
                "invalid XML"
            } else {
                "invalid JSON"
            };
            cx.file_failed(
                entry,
                if file.xml {
                    freehold_archive::codes::XML_SYNTAX
                } else {
                    freehold_archive::codes::JSON_SYNTAX
                },
                Some(locator),
                format!("{what}: {message}; records before this point were imported"),
            );
            return Ok(());
        }
    }
    if let Some(code) = outcome.error_only {
        cx.set_fate(
            entry,
            Fate::Skipped,
            format!("error_result: the API answered with error {code}"),
        );
    } else if outcome.methods.len() > 1 || file.method.as_deref() == Some("batch.process") {
        cx.set_fate(
            entry,
            Fate::Parsed,
            format!(
                "batch.process response ({} responses: {})",
                outcome.responses,
                outcome.methods.into_iter().collect::<Vec<_>>().join(", ")
            ),
        );
    }
    Ok(())
}

/// A media row for every file in `media/` that no media item claimed.
fn emit_unclaimed_files(cx: &mut ParseContext<'_>, state: &mut State) -> Result<(), Error> {
    let files = state
        .files
        .iter()
        .filter(|(_, f)| !state.claimed.contains(&f.path))
        .map(|(stem, f)| (IDS.media(stem), f.path.as_str(), f.size))
        .filter(|(id, _, _)| !state.media.contains(id));
    emit_unclaimed(cx, PLATFORM, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_and_parents_from_paths() {
        assert_eq!(
            path_method("api/blogs.getComments/0a1b/p0001.xml"),
            Some((1, "blogs.getComments".into()))
        );
        assert_eq!(
            path_method("api/friends.get.xml"),
            Some((1, "friends.get".into()))
        );
        assert_eq!(path_method("api/oud/antwoord (3).txt"), None);
        assert_eq!(
            path_parent("api/blogs.getComments/0a1b/p0001.xml").as_deref(),
            Some("0a1b")
        );
        assert_eq!(
            path_parent("api/media.getSpotted/c26fbee3459914f0.json").as_deref(),
            Some("c26fbee3459914f0")
        );
        assert_eq!(path_parent("api/wwws.getByUser/p0001.xml"), None);
        assert_eq!(path_parent("api/wwws.getByUser/0002.xml"), None);
        // All-digit ids are ids, not page numbers.
        assert!(is_page("p0001") && is_page("0002") && is_page("12"));
        assert!(!is_page("1234567890123456"));
        assert!(!is_page("0090123400000000000000000000000011"));
        assert!(!is_page("p"));
        assert_eq!(
            path_parent("api/blogs.getComments/1234567890123456/p0001.xml").as_deref(),
            Some("1234567890123456")
        );
        assert_eq!(
            path_parent("api/media.getSpotted/0090123400000000000000000000000011.json").as_deref(),
            Some("0090123400000000000000000000000011")
        );
        assert_eq!(
            path_parent("saved/c26fbee3459914f0/comments.xml").as_deref(),
            Some("c26fbee3459914f0")
        );
    }

    #[test]
    fn phases_put_people_first() {
        assert!(phase(Some("cities.get")) < phase(Some("users.getLoggedin")));
        assert!(phase(Some("users.getLoggedin")) < phase(Some("users.get")));
        assert!(phase(Some("users.get")) < phase(Some("users.getScraps")));
        assert_eq!(phase(None), 4);
    }
}
