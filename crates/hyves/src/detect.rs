//! Recognising saved Data-API responses by their content (the XML root element, the
//! JSON keys), and Hyves data in other formats by its traces (`hyves.nl` links, Dutch
//! section names).

use freehold_archive::{Archive, Detection, Entry};

use crate::response::{head_text, jsonp_prefix, method_of_root};
use crate::util::PLATFORM;

/// Namespaces of the Data-API: a method `<namespace>.<name>` in one of them is a Hyves
/// method (in a JSON key or in a path).
pub(crate) const NAMESPACES: &[&str] = &[
    "users",
    "friends",
    "wwws",
    "blogs",
    "albums",
    "media",
    "gadgets",
    "tips",
    "hubs",
    "hubcategories",
    "pings",
    "events",
    "threads",
    "messages",
    "cities",
    "countries",
    "regions",
    "batch",
    "privatespots",
    "listeners",
    "buzz",
    "search",
];

freehold_archive::layouts! {
    /// The kinds of Hyves data freehold recognises.
    pub enum Layout {
        /// Saved Data-API responses (XML and/or JSON), as backup tools and API clients
        /// wrote them: `hyves/api-dump`.
        ApiDump => "hyves/api-dump",
        /// Something that is clearly Hyves data but not in a format freehold reads
        /// (the official 2013 export, saved web pages, ArchiveTeam WARCs):
        /// `hyves/unsupported`. Parsing it is an error with a clear message.
        Unsupported => "hyves/unsupported",
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
    let text = head_text(head);
    let mut text = text.trim_start();
    // JSONP (`ha_callback`): `callback({...})`.
    if let Some(n) = jsonp_prefix(text.as_bytes())
        && text[n..].trim_start().starts_with('{')
    {
        text = text[n..].trim_start();
    }
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
        let hyves = method.is_some() || json_evidence(text) != Evidence::None;
        if hyves {
            return Sniff::Json { method };
        }
    }
    Sniff::Other
}

/// How much a JSON response's first bytes say it is from Hyves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Evidence {
    /// Nothing Hyves-like.
    None,
    /// Only what any JSON API writes: `error_code` + `error_message`, or a `method`
    /// key outside the Hyves namespaces.
    Weak,
    /// Something only the Hyves API writes: the `info` block's `running_milliseconds` /
    /// `timestamp_difference`, a Hyves method name, `ha_*` request parameters, a
    /// `batch.process` request list, or item arrays holding Hyves id fields.
    Strong,
}

/// The evidence in a JSON file's first bytes (already decoded, wrapper removed).
fn json_evidence(text: &str) -> Evidence {
    let hyves_method = json_method(text).is_some_and(|m| {
        m.split_once('.')
            .is_some_and(|(ns, _)| NAMESPACES.contains(&ns))
    });
    let strong = hyves_method
        || text.contains("\"timestamp_difference\"")
        || text.contains("\"running_milliseconds\"")
        || text.contains("\"ha_method\"")
        || (text.contains("\"request\"") && text.contains("_result\""))
        || (HYVES_FIELDS.iter().any(|f| text.contains(f))
            && ITEM_KEYS.iter().any(|k| has_array_key(text, k)));
    if strong {
        Evidence::Strong
    } else if json_method(text).is_some()
        || (text.contains("\"error_code\"") && text.contains("\"error_message\""))
    {
        Evidence::Weak
    } else {
        Evidence::None
    }
}

/// The evidence of a file's first bytes: XML responses are always strong (their root
/// element names a Hyves method), JSON ones as [`json_evidence`] says.
#[cfg(test)]
fn evidence(head: &[u8]) -> Evidence {
    evidence_of(&sniff(head), head)
}

/// [`evidence`] of a file already sniffed.
fn evidence_of(sniffed: &Sniff, head: &[u8]) -> Evidence {
    match sniffed {
        Sniff::Xml { .. } => Evidence::Strong,
        Sniff::Json { .. } => {
            let text = head_text(head);
            let mut text = text.trim_start();
            if let Some(n) = jsonp_prefix(text.as_bytes()) {
                text = text[n..].trim_start();
            }
            json_evidence(text)
        }
        Sniff::Manifest | Sniff::Other => Evidence::None,
    }
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

/// Fields only the logged-in user's own record carries.
const PRIVATE_FIELDS: &[&str] = &["\"emailaddress\"", "\"mobilenumber\""];

/// Whether a JSON response without a `method` key holds one user with private fields
/// (`emailaddress`, `mobilenumber`): the logged-in user, i.e. a `users.getLoggedin`
/// response saved under another name.
pub(crate) fn looks_logged_in(head: &[u8]) -> bool {
    let text = head_text(head);
    has_array_key(&text, "user")
        && text.matches("\"userid\"").count() == 1
        && PRIVATE_FIELDS.iter().any(|f| text.contains(f))
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

/// Whether the entry's extension names a picture, sound or video: not an API response,
/// so its first bytes are not read (another platform's archive holds thousands).
fn is_binary_media(entry: &Entry) -> bool {
    const MEDIA: &[&str] = &[
        "jpg", "jpeg", "png", "gif", "webp", "heic", "bmp", "tif", "tiff", "mp4", "mov", "m4v",
        "avi", "webm", "mkv", "3gp", "mp3", "m4a", "aac", "ogg", "opus", "wav", "flv",
    ];
    entry
        .file_name()
        .rsplit_once('.')
        .is_some_and(|(_, ext)| MEDIA.iter().any(|m| ext.eq_ignore_ascii_case(m)))
}

/// Looks at an archive and says whether it holds Hyves data, and in which layout.
pub(crate) fn detect(archive: &Archive) -> Option<Detection> {
    // One file only the Hyves API writes is enough; files any JSON API could have
    // written (`error_code` + `error_message`, a `method` key) count only when there are
    // several, and then with a low confidence.
    let mut strong = 0;
    let mut weak = 0;
    let mut manifest = false;
    for entry in archive.entries() {
        if is_media_file(entry) || is_binary_media(entry) {
            continue;
        }
        let Ok(head) = archive.head(entry, HEAD) else {
            continue;
        };
        let sniffed = sniff(&head);
        if sniffed == Sniff::Manifest {
            manifest = true;
        }
        match evidence_of(&sniffed, &head) {
            // One is enough: the rest of the archive cannot change the answer.
            Evidence::Strong => {
                strong += 1;
                break;
            }
            Evidence::Weak => weak += 1,
            Evidence::None => {}
        }
    }
    if strong > 0 || (manifest && weak > 0) {
        return Some(Detection {
            platform: PLATFORM,
            layout: freehold_archive::AnyLayout::new(Layout::ApiDump),
            confidence: 80,
        });
    }
    if weak >= 2 {
        return Some(Detection {
            platform: PLATFORM,
            layout: freehold_archive::AnyLayout::new(Layout::ApiDump),
            confidence: 30,
        });
    }
    if traces(archive).is_empty() {
        return None;
    }
    Some(Detection {
        platform: PLATFORM,
        layout: freehold_archive::AnyLayout::new(Layout::Unsupported),
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
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><users_get_result>"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert_eq!(
            sniff(&utf16),
            Sniff::Xml {
                root: "users_get_result".into()
            }
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><wwws_get_result><www><emotion>\xE9"),
            Sniff::Xml {
                root: "wwws_get_result".into()
            }
        );
    }

    #[test]
    fn a_single_user_with_private_fields_is_the_logged_in_user() {
        assert!(looks_logged_in(
            b"{\"user\": [{\"userid\": \"5e3a91c0d2b4f687\", \"emailaddress\": \"sem@example.org\"}]}"
        ));
        // Two users, or no private fields: not the logged-in user.
        assert!(!looks_logged_in(
            b"{\"user\": [{\"userid\": \"a\", \"emailaddress\": \"x\"}, {\"userid\": \"b\"}]}"
        ));
        assert!(!looks_logged_in(
            b"{\"user\": [{\"userid\": \"5e3a91c0d2b4f687\", \"firstname\": \"Sem\"}]}"
        ));
    }

    #[test]
    fn generic_api_json_is_weak_evidence() {
        assert_eq!(
            evidence(b"{\"error_code\": 17, \"error_message\": \"x\"}"),
            Evidence::Weak
        );
        assert_eq!(
            evidence(b"{\"method\": \"orders.list\", \"data\": []}"),
            Evidence::Weak
        );
        assert_eq!(
            evidence(b"{\"error_code\": 17, \"error_message\": \"x\", \"info\": {\"running_milliseconds\": 3}}"),
            Evidence::Strong
        );
        assert_eq!(
            evidence(b"{\"method\": \"users.getScraps\", \"scrap\": []}"),
            Evidence::Strong
        );
        assert_eq!(evidence(b"<users_get_result><user>"), Evidence::Strong);
    }

    #[test]
    fn sniffs_jsonp() {
        assert_eq!(
            sniff(b"ha_callback({\"method\": \"users.getScraps\", \"scrap\": []})"),
            Sniff::Json {
                method: Some("users.getScraps".into())
            }
        );
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
