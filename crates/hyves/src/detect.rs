//! Recognising saved Data-API responses by their content (the XML root element, the
//! JSON keys), and Hyves data in other formats by its traces (`hyves.nl` links, Dutch
//! section names).

use freehold_archive::{Archive, Detection, Entry};

use crate::response::method_of_root;
use crate::util::PLATFORM;

/// The layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Saved Data-API responses (XML and/or JSON), as backup tools and API clients
    /// wrote them: `hyves/api-dump`.
    ApiDump,
    /// Something that is clearly Hyves data but not in a format freehold reads
    /// (the official 2013 export, saved web pages, ArchiveTeam WARCs):
    /// `hyves/unsupported`. Parsing it is an error with a clear message.
    Unsupported,
}

impl Layout {
    /// The layout's name in `imports.layout`.
    pub fn name(self) -> &'static str {
        match self {
            Layout::ApiDump => "hyves/api-dump",
            Layout::Unsupported => "hyves/unsupported",
        }
    }

    /// The layout with that name.
    pub fn from_name(name: &str) -> Option<Layout> {
        [Layout::ApiDump, Layout::Unsupported]
            .into_iter()
            .find(|l| l.name() == name)
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sniff {
    /// An XML response with this root element (`users_get_result`, `error_result`, …).
    Xml { root: String },
    /// A JSON response; the method, if a `method` key is in the first bytes.
    Json { method: Option<String> },
    /// `manifest.json` of an API dump (`"source": "hyves-api"`).
    Manifest,
    /// Something else.
    Other,
}

/// How many bytes of each file are looked at.
pub(crate) const HEAD: usize = 4096;

/// Item keys of JSON responses (lists of these are the data).
const ITEM_KEYS: &[&str] = &[
    "user",
    "userid",
    "www",
    "scrap",
    "blog",
    "comment",
    "respect",
    "testimonial",
    "tip",
    "tipcategory",
    "gadget",
    "album",
    "media",
    "spotted",
    "hub",
    "ping",
    "event",
    "city",
    "country",
    "region",
];

/// Field names that only Hyves objects carry.
const HYVES_FIELDS: &[&str] = &[
    "\"userid\"",
    "\"wwwid\"",
    "\"scrapid\"",
    "\"blogid\"",
    "\"mediaid\"",
    "\"albumid\"",
    "\"hubid\"",
    "\"respectid\"",
    "\"commentid\"",
    "\"gadgetid\"",
    "\"tipid\"",
    "\"pingid\"",
    "\"eventid\"",
    "\"spottedid\"",
    "\"testimonialid\"",
    "\"cityid\"",
    "\"countryid\"",
];

/// Reads what a file is from its first bytes.
pub(crate) fn sniff(head: &[u8]) -> Sniff {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start();
    if text.starts_with('<') {
        return match xml_root(text) {
            Some(root) if method_of_root(&root).is_some() && is_plain_name(&root) => {
                Sniff::Xml { root }
            }
            _ => Sniff::Other,
        };
    }
    if text.starts_with('{') {
        if text.contains("\"hyves-api\"") && text.contains("\"source\"") {
            return Sniff::Manifest;
        }
        let method = json_method(text);
        let hyves = method.is_some()
            || text.contains("\"timestamp_difference\"")
            || text.contains("\"running_milliseconds\"")
            || (text.contains("\"error_code\"") && text.contains("\"error_message\""))
            || (text.contains("\"request\"") && text.contains("_result\""))
            || (ITEM_KEYS.iter().any(|k| has_array_key(text, k))
                && HYVES_FIELDS.iter().any(|f| text.contains(f)));
        if hyves {
            return Sniff::Json { method };
        }
    }
    Sniff::Other
}

fn is_plain_name(name: &str) -> bool {
    name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The name of the first element, after the XML declaration, comments and a DOCTYPE.
fn xml_root(text: &str) -> Option<String> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            // DOCTYPE, possibly with an internal subset in brackets.
            let close = match (r.find('['), r.find('>')) {
                (Some(open), Some(gt)) if open < gt => {
                    let end = r[open..].find("]")? + open;
                    end + r[end..].find('>')?
                }
                (_, Some(gt)) => gt,
                _ => return None,
            };
            rest = &r[close + 1..];
        } else if let Some(r) = rest.strip_prefix('<') {
            let name: String = r
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            let name = name.rsplit(':').next().unwrap_or("").to_string();
            return (!name.is_empty()).then_some(name);
        } else {
            return None;
        }
    }
}

/// `"method": "users.getScraps"` in the first bytes.
pub(crate) fn json_method(text: &str) -> Option<String> {
    let at = text.find("\"method\"")?;
    let rest = text[at + 8..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let value = &rest[..rest.find('"')?];
    let (ns, name) = value.split_once('.')?;
    (!ns.is_empty()
        && !name.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_'))
    .then(|| value.to_string())
}

/// `"key": [` in `text`.
fn has_array_key(text: &str, key: &str) -> bool {
    let needle = format!("\"{key}\"");
    text.match_indices(&needle).any(|(at, _)| {
        text[at + needle.len()..]
            .trim_start()
            .strip_prefix(':')
            .is_some_and(|r| r.trim_start().starts_with('['))
    })
}

/// Whether the entry is a downloaded media file (`media/<mediaid>.<ext>`).
pub(crate) fn is_media_file(entry: &Entry) -> bool {
    entry.dir().rsplit('/').next() == Some("media")
}

/// Looks at an archive and says whether it holds Hyves data, and in which layout.
pub(crate) fn detect(archive: &Archive) -> Option<Detection> {
    let mut responses = 0;
    for entry in archive.entries() {
        if is_media_file(entry) {
            continue;
        }
        let Ok(head) = archive.head(entry, HEAD) else {
            continue;
        };
        match sniff(&head) {
            Sniff::Xml { .. } | Sniff::Json { .. } => responses += 1,
            Sniff::Manifest | Sniff::Other => {}
        }
    }
    if responses > 0 {
        return Some(Detection {
            platform: PLATFORM,
            layout: Layout::ApiDump.name().to_string(),
            confidence: 80,
        });
    }
    if traces(archive).is_empty() {
        return None;
    }
    Some(Detection {
        platform: PLATFORM,
        layout: Layout::Unsupported.name().to_string(),
        // Lower than any real detection: this only wins when nothing else claims the archive.
        confidence: 5,
    })
}

/// Dutch section names of the Hyves site (and their English twins).
const SECTION_NAMES: &[&str] = &["krabbels", "krabbel", "wiewatwaar", "whowhatwhere"];

/// Host names only Hyves used.
const HOSTS: &[&str] = &["hyves.nl", "hyves-static.net", "hyves-api.nl", "hyves.net"];

/// How many text files are searched for Hyves host names.
const MAX_TEXT_FILES: usize = 200;

/// Evidence that the archive holds Hyves data in some other format, for the message.
pub(crate) fn traces(archive: &Archive) -> Vec<String> {
    let mut found = Vec::new();
    let mut searched = 0;
    for entry in archive.entries() {
        let lower = entry.path.to_ascii_lowercase();
        let name = entry.file_name().to_ascii_lowercase();
        if name.starts_with("hyves-") && name.ends_with(".warc.gz") {
            found.push(format!("`{}` (an ArchiveTeam WARC capture)", entry.path));
            continue;
        }
        if let Some(section) = lower
            .split('/')
            .rev()
            .skip(1)
            .find(|part| SECTION_NAMES.contains(part))
        {
            let trace = format!("a `{section}/` folder");
            if !found.contains(&trace) {
                found.push(trace);
            }
        }
        let texty = [".html", ".htm", ".xml", ".json", ".txt", ".csv", ".xhtml"]
            .iter()
            .any(|ext| lower.ends_with(ext));
        if !texty || searched >= MAX_TEXT_FILES {
            continue;
        }
        searched += 1;
        let Ok(head) = archive.head(entry, 64 * 1024) else {
            continue;
        };
        let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
        if let Some(host) = HOSTS.iter().find(|h| text.contains(*h)) {
            found.push(format!("`{}` mentions {host}", entry.path));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_xml_roots() {
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- saved -->\n<users_get_result>"),
            Sniff::Xml {
                root: "users_get_result".into()
            }
        );
        assert_eq!(
            sniff(b"<!DOCTYPE x [<!ENTITY a \"b\">]><error_result>"),
            Sniff::Xml {
                root: "error_result".into()
            }
        );
        assert_eq!(sniff(b"<html><body>hyves.nl</body></html>"), Sniff::Other);
        assert_eq!(sniff(b"<rss version=\"2.0\">"), Sniff::Other);
    }

    #[test]
    fn sniffs_json_keys() {
        assert_eq!(
            sniff(b"{\"method\": \"users.getScraps\", \"scrap\": []}"),
            Sniff::Json {
                method: Some("users.getScraps".into())
            }
        );
        assert_eq!(
            sniff(b"{\"www\": [ {\"wwwid\": \"1\"} ]}"),
            Sniff::Json { method: None }
        );
        assert_eq!(
            sniff(b"{\"error_code\": 17, \"error_message\": \"x\"}"),
            Sniff::Json { method: None }
        );
        assert_eq!(
            sniff(b"{\"source\": \"hyves-api\", \"ha_version\": \"2.0\"}"),
            Sniff::Manifest
        );
        // Other JSON with a `user` key is not claimed.
        assert_eq!(sniff(b"{\"user\": [ {\"id\": 1} ]}"), Sniff::Other);
        assert_eq!(sniff(b"window.YTD.tweets.part0 = ["), Sniff::Other);
    }
}
