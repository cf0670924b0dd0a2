//! Every diagnostic code, in one documented list.
//!
//! A [`crate::Diagnostic`]'s `code` is one of these strings; they are stable (tests,
//! scripts and `imports.report` read them). Parsers use the constants instead of string
//! literals, and a test of the workspace checks that no crate uses a code missing here.
//! `docs/robustness.md` lists them too.
//!
//! A [`Code`] can only be made here, so a report carries no code that is not in [`ALL`].

use std::fmt;

use serde::Serialize;

/// A diagnostic code: one of the constants of this module. It reads, prints and
/// serialises as its kebab-case name, and compares equal to that name as a string.
///
/// ```
/// use freehold_archive::codes::{self, Code};
/// assert_eq!(codes::BAD_DATE, "bad-date");
/// assert_eq!(codes::BAD_DATE.to_string(), "bad-date");
/// assert_eq!(Code::find("bad-date"), Some(codes::BAD_DATE));
/// assert_eq!(Code::find("no-such-code"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(&'static str);

impl Code {
    const fn new(name: &'static str) -> Code {
        Code(name)
    }

    /// The code's name (`bad-date`).
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The code of that name, if it is one of [`ALL`].
    pub fn find(name: &str) -> Option<Code> {
        ALL.iter().copied().find(|c| c.0 == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// `ambiguous-date`: LinkedIn: a slash date whose first two numbers are both 1–12 and differ (`03/04/21`); it is read month first, as LinkedIn writes them, and the text stays in `extra`. Info, once per file.
pub const AMBIGUOUS_DATE: Code = Code::new("ambiguous-date");

/// `api-error`: Hyves: a saved API response is an error response (`error_code`); nothing is imported from it, and a file holding only errors is `skipped`. Warning.
pub const API_ERROR: Code = Code::new("api-error");

/// `bad-date`: A date in no known format: the record is kept without it and the text is kept in `extra` (LinkedIn, X tweets and direct messages, Hyves, Facebook HTML friends), or the diagnostic says what became of the value (X account, email, screen-name and protection history). Warning.
pub const BAD_DATE: Code = Code::new("bad-date");

/// `bad-record`: Facebook: a record of the wrong shape (a check-in or message that is not a JSON object, a reaction without `data[].reaction`); it was skipped. Warning.
pub const BAD_RECORD: Code = Code::new("bad-record");

/// `count-mismatch`: X/Twitter: `manifest.js` (or Grailbird's `tweet_index.js`) promises a different number of records for a file than it holds; every record found is imported. Warning.
pub const COUNT_MISMATCH: Code = Code::new("count-mismatch");

/// `csv`: Twitter (Grailbird `tweets.csv`): reading stopped at a read error (a damaged zip member, say) after this line; the rows before it are kept, the file is `partial` (`failed` if none). Error.
pub const CSV: Code = Code::new("csv");

/// `date-range`: LinkedIn: a date column holds a range (`<start> - <end>`); only its start is kept in that column, the raw text stays in `extra`. Info.
pub const DATE_RANGE: Code = Code::new("date-range");

/// `drafts-dropped`: LinkedIn `messages.csv`: rows marked as unsent message or conversation drafts were not imported. Info, with their lines.
pub const DRAFTS_DROPPED: Code = Code::new("drafts-dropped");

/// `encoding`: A CSV file not in plain UTF-8: as a warning (once per file), bytes that are not UTF-8 were read as Windows-1252 in their field; as info (LinkedIn), the file was read as UTF-16 with the separator named.
pub const ENCODING: Code = Code::new("encoding");

/// `fancylayout-html`: Hyves: bodies in this file are HTML (fetched with `ha_fancylayout=true`, or HTML tags found), not Hyves markup; their `text_format` is `html`. Info, once per file.
pub const FANCYLAYOUT_HTML: Code = Code::new("fancylayout-html");

/// `field-too-long`: A CSV field longer than the field limit (a quarter of `--max-record-mib`) was skipped; the row is kept with that value empty. Warning.
pub const FIELD_TOO_LONG: Code = Code::new("field-too-long");

/// `hidden-members`: LinkedIn `Connections.csv`: rows of hidden or closed members (a date only, no name or URL) were counted but no person was created. Info, with their lines.
pub const HIDDEN_MEMBERS: Code = Code::new("hidden-members");

/// `html-export`: Facebook: an HTML export, read best effort: only friends, posts and messages, with dates as local times without a zone. Info.
pub const HTML_EXPORT: Code = Code::new("html-export");

/// `html-in-json-export`: Facebook: an HTML page inside a JSON export was not read (listed as `unknown`); the JSON files are read. Warning.
pub const HTML_IN_JSON_EXPORT: Code = Code::new("html-in-json-export");

/// `hyves-other-format`: Hyves: a text file (`.html`, `.htm`, `.txt`, `.xml`, `.json`) that mentions hyves.nl (or hyves-static.net) but is not a saved Data-API response; listed as `unknown`, not imported. Warning.
pub const HYVES_OTHER_FORMAT: Code = Code::new("hyves-other-format");

/// `json-syntax`: A JSON file is not valid JSON from this position (a syntax error, the file ends early; in X/Twitter and Facebook also one record over `--max-record-mib`): records before it are kept if the file is streamed (none from a file read whole), and the file is `partial` or `failed`. Error.
pub const JSON_SYNTAX: Code = Code::new("json-syntax");

/// `media-copy`: With `--media-dir`: a media file could not be copied into the media folder; its media row is kept without `sha256`. Warning.
pub const MEDIA_COPY: Code = Code::new("media-copy");

/// `media-not-downloaded`: Hyves: media items with no file in the dump's `media/` folder; their rows keep the metadata and remote URL only. Info, once per import with the count.
pub const MEDIA_NOT_DOWNLOADED: Code = Code::new("media-not-downloaded");

/// `missing-part`: A file the archive should hold is absent: one that X's `manifest.js` or Grailbird's `tweet_index.js` lists, or a `message_N.json` part of a Facebook Messenger thread. Its records are missing; the rest imports. Error.
pub const MISSING_PART: Code = Code::new("missing-part");

/// `name-collision`: LinkedIn `Connections.csv`: several connections share a name and have no profile URL; they are kept apart as different people. Warning.
pub const NAME_COLLISION: Code = Code::new("name-collision");

/// `no-header`: No header row naming the file's key columns in its first 50 records (LinkedIn CSV files, Twitter `tweets.csv`); the file is `failed` and its rows are kept raw. Error.
pub const NO_HEADER: Code = Code::new("no-header");

/// `no-id`: X/Twitter: a tweet (a `tweets.csv` row too), DM conversation, note tweet or like without its id, or a follower, following, block or mute entry without its account id; Hyves: an item (user, post, album, media, hub, event, …) without its id key. It was not imported. Warning.
pub const NO_ID: Code = Code::new("no-id");

/// `no-owner-name`: LinkedIn: no `Profile.csv` with the owner's name, and no invitation or conversation shows it; the owner is identified by profile URL or as `li:account:owner`. Warning.
pub const NO_OWNER_NAME: Code = Code::new("no-owner-name");

/// `no-person`: LinkedIn: a row that names no one (an invitation side, endorsement, recommendation or member follow without name or URL, a company follow without organisation, a contact without name, email or phone); it was skipped. Warning.
pub const NO_PERSON: Code = Code::new("no-person");

/// `no-profile`: Facebook: the owner's name was not found (no `profile_information` file giving it, or a secure-storage download where no single person is in every thread), so people's ids cannot be tied to the owner. Warning.
pub const NO_PROFILE: Code = Code::new("no-profile");

/// `owner-conflict`: Hyves: a `users.getLoggedin` response names another user than the dump's owner already known; that user is not marked as the owner. Warning.
pub const OWNER_CONFLICT: Code = Code::new("owner-conflict");

/// `owner-from-private-fields`: Hyves: a JSON response that names no method holds one user with private fields (email, phone); it is read as `users.getLoggedin` and that user taken as the owner. Info.
pub const OWNER_FROM_PRIVATE_FIELDS: Code = Code::new("owner-from-private-fields");

/// `owner-from-threads`: Facebook secure-storage download: it does not name its owner, who is taken to be the only person in every message thread. Info.
pub const OWNER_FROM_THREADS: Code = Code::new("owner-from-threads");

/// `owner-inferred`: LinkedIn: no `Profile.csv` name; the owner's name was inferred from the invitations or conversations. Info.
pub const OWNER_INFERRED: Code = Code::new("owner-inferred");

/// `owner-unknown`: The archive does not say whose it is (X/Twitter: no `account.js`, manifest or `user_details.js`; Hyves: no `users.getLoggedin` or `self_userid`); X's owner records have no author, Hyves' owner data (friends, hubs) is not linked. Warning, once.
pub const OWNER_UNKNOWN: Code = Code::new("owner-unknown");

/// `parent-unknown`: Hyves: comments or respects in this file carry no parent id and the path names none; they were imported without a parent. Warning, once per file.
pub const PARENT_UNKNOWN: Code = Code::new("parent-unknown");

/// `partial-archive`: X/Twitter: `manifest.js` marks the archive as partial (`isPartialArchive`); the other parts should be imported too. Warning.
pub const PARTIAL_ARCHIVE: Code = Code::new("partial-archive");

/// `preamble`: LinkedIn: records before the CSV header were skipped (not reported for the usual `Notes:` block of `Connections.csv`). Info.
pub const PREAMBLE: Code = Code::new("preamble");

/// `ragged-row`: LinkedIn: a CSV row with more or fewer fields than the header; the row is kept, missing fields read as empty and surplus fields kept in `extra._extra_fields`. Warning.
pub const RAGGED_ROW: Code = Code::new("ragged-row");

/// `raw-records`: Records of a CSV, JSON or JS file left `unknown` or `failed` were kept as `raw_records` rows (info); as a warning, keeping them failed or stopped early (unreadable file, JSON error, object over the record limit).
pub const RAW_RECORDS: Code = Code::new("raw-records");

/// `record-skipped`: X/Twitter, Facebook: one record is not JSON (or nests deeper than 128); it was skipped, the records after it were read, and the file is `partial`. Error.
pub const RECORD_SKIPPED: Code = Code::new("record-skipped");

/// `record-too-large`: A record over `--max-record-mib`. Hyves: one item, where reading stops with earlier records kept; Facebook: a JSON file read whole or an HTML page, which is not imported. Error.
pub const RECORD_TOO_LARGE: Code = Code::new("record-too-large");

/// `recoveries-not-listed`: X/Twitter, Facebook: more values were repaired or records skipped in this file than the report lists one by one; the message gives the totals. Warning.
pub const RECOVERIES_NOT_LISTED: Code = Code::new("recoveries-not-listed");

/// `refused`: A file refused by the size limits (`--max-file-mib`, `--max-ratio`) that no parser tried to read (a media file, say); it is `failed`, the rest imports. Error; a refused file a parser tried to read gets `unreadable-file` (LinkedIn: `read`) instead.
pub const REFUSED: Code = Code::new("refused");

/// `row-too-long`: A CSV row longer than the row limit (a quarter of `--max-record-mib`): the field that crosses it and the fields after it are dropped, the row is kept with the fields before. Warning.
pub const ROW_TOO_LONG: Code = Code::new("row-too-long");

/// `suspicious-date`: X/Twitter: a date before 2006, when Twitter began; it is kept as the archive says. Info.
pub const SUSPICIOUS_DATE: Code = Code::new("suspicious-date");

/// `too-large`: Hyves: a `manifest.json` larger than 1 MiB is not read; the file is `failed`. Error.
pub const TOO_LARGE: Code = Code::new("too-large");

/// `too-many-columns`: A CSV row with more than 4,096 fields: the fields past the limit are dropped, the row is kept. Warning.
pub const TOO_MANY_COLUMNS: Code = Code::new("too-many-columns");

/// `truncated`: LinkedIn: an article (`Articles/…html`) larger than 16 MiB; only its first 16 MiB were read. Warning.
pub const TRUNCATED: Code = Code::new("truncated");

/// `unknown-file`: A file freehold does not map (an unknown X data type, a LinkedIn file of no known kind, a Hyves XML or JSON file that is not an API response, a Facebook JSON file of no known shape); listed as `unknown`, not imported, its records kept raw where possible. Info; a warning for a Facebook file that is named as data but is not (a `message_N.json` without messages, a `.json` file that is not JSON), since something may be lost there.
pub const UNKNOWN_FILE: Code = Code::new("unknown-file");

/// `unknown-header`: LinkedIn: a CSV header that names some key columns but matches no known era; the recognised columns are mapped, the others kept in `extra`, and the file is `partial`. Warning.
pub const UNKNOWN_HEADER: Code = Code::new("unknown-header");

/// `unknown-item`: Hyves: items of a kind freehold does not map (or bare `userid` items outside `friends.get`); they were not imported. Info, once per kind and file.
pub const UNKNOWN_ITEM: Code = Code::new("unknown-item");

/// `unknown-key`: Facebook: top-level keys of a JSON file that freehold does not map; they were not imported (not kept in `extra`), the rest of the file was. Info.
pub const UNKNOWN_KEY: Code = Code::new("unknown-key");

/// `unreadable-file`: A file that cannot be opened or read (a damaged zip member, a file that vanished, a refused file a parser tried to read); it is `failed` (`partial` if records were read), the rest imports. Error.
pub const UNREADABLE_FILE: Code = Code::new("unreadable-file");

/// `unterminated-quote`: A CSV quote left open swallowed the following rows: the field is cut before the first swallowed line that reads as a row, and the swallowed rows are read again. Error.
pub const UNTERMINATED_QUOTE: Code = Code::new("unterminated-quote");

/// `value-repaired`: A value that could not be read as its type (a lone UTF-16 surrogate, bytes that are not UTF-8, a number out of range) was repaired: U+FFFD for the bad part, a number kept as its text. Warning: per value in X/Twitter and Facebook, with the source in `extra` as `<field>.source`; per file with a count in Hyves, source not kept.
pub const VALUE_REPAIRED: Code = Code::new("value-repaired");

/// `xml-dtd-entities`: Hyves: an XML response declares DTD entities; they are never expanded, and references to them are kept as written. Warning.
pub const XML_DTD_ENTITIES: Code = Code::new("xml-dtd-entities");

/// `xml-syntax`: Hyves: a saved XML response is not well-formed from this position on; the records before it were imported and the file is `partial` (or `failed` when none were). Error.
pub const XML_SYNTAX: Code = Code::new("xml-syntax");

/// `xml-entity-kept`: Hyves: an XML entity reference that is not one of the five predefined ones was kept as written (`&name;`). Info, once per name and file.
pub const XML_ENTITY_KEPT: Code = Code::new("xml-entity-kept");

/// Every code above, sorted.
pub const ALL: &[Code] = &[
    AMBIGUOUS_DATE,
    API_ERROR,
    BAD_DATE,
    BAD_RECORD,
    COUNT_MISMATCH,
    CSV,
    DATE_RANGE,
    DRAFTS_DROPPED,
    ENCODING,
    FANCYLAYOUT_HTML,
    FIELD_TOO_LONG,
    HIDDEN_MEMBERS,
    HTML_EXPORT,
    HTML_IN_JSON_EXPORT,
    HYVES_OTHER_FORMAT,
    JSON_SYNTAX,
    MEDIA_COPY,
    MEDIA_NOT_DOWNLOADED,
    MISSING_PART,
    NAME_COLLISION,
    NO_HEADER,
    NO_ID,
    NO_OWNER_NAME,
    NO_PERSON,
    NO_PROFILE,
    OWNER_CONFLICT,
    OWNER_FROM_PRIVATE_FIELDS,
    OWNER_FROM_THREADS,
    OWNER_INFERRED,
    OWNER_UNKNOWN,
    PARENT_UNKNOWN,
    PARTIAL_ARCHIVE,
    PREAMBLE,
    RAGGED_ROW,
    RAW_RECORDS,
    RECORD_SKIPPED,
    RECORD_TOO_LARGE,
    RECOVERIES_NOT_LISTED,
    REFUSED,
    ROW_TOO_LONG,
    SUSPICIOUS_DATE,
    TOO_LARGE,
    TOO_MANY_COLUMNS,
    TRUNCATED,
    UNKNOWN_FILE,
    UNKNOWN_HEADER,
    UNKNOWN_ITEM,
    UNKNOWN_KEY,
    UNREADABLE_FILE,
    UNTERMINATED_QUOTE,
    VALUE_REPAIRED,
    XML_DTD_ENTITIES,
    XML_ENTITY_KEPT,
    XML_SYNTAX,
];

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_sorted_unique_and_kebab_case() {
        assert!(
            super::ALL.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for code in super::ALL {
            assert!(
                code.as_str()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{code}"
            );
        }
    }
}
