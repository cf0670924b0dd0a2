//! Every diagnostic code, in one documented list.
//!
//! A [`crate::Diagnostic`]'s `code` is one of these strings; they are stable (tests,
//! scripts and `imports.report` read them). Parsers use the constants instead of string
//! literals, and a test of the workspace checks that no crate uses a code missing here.
//! `docs/robustness.md` lists them too.

/// `ambiguous-date`: LinkedIn: a slash date whose first two numbers are both 1–12 and differ (`03/04/21`); it is read month first, as LinkedIn writes them, and the text stays in `extra`. Info, once per file.
pub const AMBIGUOUS_DATE: &str = "ambiguous-date";

/// `api-error`: Hyves: a saved API response is an error response (`error_code`); nothing is imported from it, and a file holding only errors is `skipped`. Warning.
pub const API_ERROR: &str = "api-error";

/// `bad-date`: A date in no known format: the record is kept without it and the text is kept in `extra` (LinkedIn, X tweets, Hyves, Facebook HTML friends). Warning (info for Facebook HTML); X direct messages and `tweets.csv` do not keep the text.
pub const BAD_DATE: &str = "bad-date";

/// `bad-record`: Facebook: a record of the wrong shape (a check-in or message that is not a JSON object, a reaction without `data[].reaction`); it was skipped. Warning.
pub const BAD_RECORD: &str = "bad-record";

/// `count-mismatch`: X/Twitter: `manifest.js` (or Grailbird's `tweet_index.js`) promises a different number of records for a file than it holds; every record found is imported. Warning.
pub const COUNT_MISMATCH: &str = "count-mismatch";

/// `csv`: Twitter (Grailbird `tweets.csv`): reading stopped at a read error (a damaged zip member, say) after this line; the rows before it are kept, the file is `partial` (`failed` if none). Error.
pub const CSV: &str = "csv";

/// `date-range`: LinkedIn: a date column holds a range (`<start> - <end>`); only its start is kept in that column, the raw text stays in `extra`. Info.
pub const DATE_RANGE: &str = "date-range";

/// `drafts-dropped`: LinkedIn `messages.csv`: rows marked as unsent message or conversation drafts were not imported. Info, with their lines.
pub const DRAFTS_DROPPED: &str = "drafts-dropped";

/// `encoding`: A CSV file not in plain UTF-8: as a warning (once per file), bytes that are not UTF-8 were read as Windows-1252 in their field; as info (LinkedIn), the file was read as UTF-16 with the separator named.
pub const ENCODING: &str = "encoding";

/// `fancylayout-html`: Hyves: bodies in this file are HTML (fetched with `ha_fancylayout=true`, or HTML tags found), not Hyves markup; their `text_format` is `html`. Info, once per file.
pub const FANCYLAYOUT_HTML: &str = "fancylayout-html";

/// `field-too-long`: A CSV field longer than the field limit (a quarter of `--max-record-mib`) was skipped; the row is kept with that value empty. Warning.
pub const FIELD_TOO_LONG: &str = "field-too-long";

/// `hidden-members`: LinkedIn `Connections.csv`: rows of hidden or closed members (a date only, no name or URL) were counted but no person was created. Info, with their lines.
pub const HIDDEN_MEMBERS: &str = "hidden-members";

/// `html-export`: Facebook: an HTML export, read best effort: only friends, posts and messages, with dates as local times without a zone. Info.
pub const HTML_EXPORT: &str = "html-export";

/// `html-in-json-export`: Facebook: an HTML page inside a JSON export was not read (listed as `unknown`); the JSON files are read. Warning.
pub const HTML_IN_JSON_EXPORT: &str = "html-in-json-export";

/// `hyves-other-format`: Hyves: a text file (`.html`, `.htm`, `.txt`, `.xml`, `.json`) that mentions hyves.nl (or hyves-static.net) but is not a saved Data-API response; listed as `unknown`, not imported. Warning.
pub const HYVES_OTHER_FORMAT: &str = "hyves-other-format";

/// `json-syntax`: A JSON file is not valid JSON from this position (a syntax error, the file ends early; in X/Twitter and Facebook also one record over `--max-record-mib`): records before it are kept if the file is streamed (none from a file read whole), and the file is `partial` or `failed`. Error.
pub const JSON_SYNTAX: &str = "json-syntax";

/// `media-copy`: With `--media-dir`: a media file could not be copied into the media folder; its media row is kept without `sha256`. Warning.
pub const MEDIA_COPY: &str = "media-copy";

/// `media-not-downloaded`: Hyves: media items with no file in the dump's `media/` folder; their rows keep the metadata and remote URL only. Info, once per import with the count.
pub const MEDIA_NOT_DOWNLOADED: &str = "media-not-downloaded";

/// `missing-id`: Hyves: an item (user, post, album, media, hub, event, …) without its id key; it was not imported. Warning.
pub const MISSING_ID: &str = "missing-id";

/// `missing-part`: A file the archive should hold is absent: one that X's `manifest.js` or Grailbird's `tweet_index.js` lists (error), or a `message_N.json` part of a Facebook Messenger thread (warning). Its records are missing; the rest imports.
pub const MISSING_PART: &str = "missing-part";

/// `name-collision`: LinkedIn `Connections.csv`: several connections share a name and have no profile URL; they are kept apart as different people. Warning.
pub const NAME_COLLISION: &str = "name-collision";

/// `no-header`: No header row naming the file's key columns in its first 50 records (LinkedIn CSV files, Twitter `tweets.csv`); the file is `failed` and its rows are kept raw. Error.
pub const NO_HEADER: &str = "no-header";

/// `no-id`: X/Twitter: a tweet, DM conversation or note tweet without its id; it was skipped. Warning.
pub const NO_ID: &str = "no-id";

/// `no-owner-name`: LinkedIn: no `Profile.csv` with the owner's name, and no invitation or conversation shows it; the owner is identified by profile URL or as `li:account:owner`. Warning.
pub const NO_OWNER_NAME: &str = "no-owner-name";

/// `no-person`: LinkedIn: a row that names no one (an invitation side, endorsement, recommendation or member follow without name or URL, a company follow without organisation, a contact without name, email or phone); it was skipped. Warning.
pub const NO_PERSON: &str = "no-person";

/// `no-profile`: Facebook: the owner's name was not found (no `profile_information` file giving it, or a secure-storage download where no single person is in every thread), so people's ids cannot be tied to the owner. Warning.
pub const NO_PROFILE: &str = "no-profile";

/// `owner-conflict`: Hyves: a `users.getLoggedin` response names another user than the dump's owner already known; that user is not marked as the owner. Warning.
pub const OWNER_CONFLICT: &str = "owner-conflict";

/// `owner-from-private-fields`: Hyves: a JSON response that names no method holds one user with private fields (email, phone); it is read as `users.getLoggedin` and that user taken as the owner. Info.
pub const OWNER_FROM_PRIVATE_FIELDS: &str = "owner-from-private-fields";

/// `owner-from-threads`: Facebook secure-storage download: it does not name its owner, who is taken to be the only person in every message thread. Info.
pub const OWNER_FROM_THREADS: &str = "owner-from-threads";

/// `owner-inferred`: LinkedIn: no `Profile.csv` name; the owner's name was inferred from the invitations or conversations. Info.
pub const OWNER_INFERRED: &str = "owner-inferred";

/// `owner-unknown`: The archive does not say whose it is (X/Twitter: no `account.js`, manifest or `user_details.js`; Hyves: no `users.getLoggedin` or `self_userid`); X's owner records have no author, Hyves' owner data (friends, hubs) is not linked. Warning, once.
pub const OWNER_UNKNOWN: &str = "owner-unknown";

/// `parent-unknown`: Hyves: comments or respects in this file carry no parent id and the path names none; they were imported without a parent. Warning, once per file.
pub const PARENT_UNKNOWN: &str = "parent-unknown";

/// `partial-archive`: X/Twitter: `manifest.js` marks the archive as partial (`isPartialArchive`); the other parts should be imported too. Warning.
pub const PARTIAL_ARCHIVE: &str = "partial-archive";

/// `preamble`: LinkedIn: records before the CSV header were skipped (not reported for the usual `Notes:` block of `Connections.csv`). Info.
pub const PREAMBLE: &str = "preamble";

/// `ragged-row`: LinkedIn: a CSV row with more or fewer fields than the header; the row is kept, missing fields read as empty and surplus fields kept in `extra._extra_fields`. Warning.
pub const RAGGED_ROW: &str = "ragged-row";

/// `raw-records`: Records of a CSV, JSON or JS file left `unknown` or `failed` were kept as `raw_records` rows (info); as a warning, keeping them failed or stopped early (unreadable file, JSON error, object over the record limit).
pub const RAW_RECORDS: &str = "raw-records";

/// `read`: LinkedIn: a CSV file or article could not be opened or read on (a damaged zip member, an I/O error, a file refused by the limits); it is `partial` if rows were read, else `failed`. Error.
pub const READ: &str = "read";

/// `record-skipped`: X/Twitter, Facebook: one record is not JSON (or nests deeper than 128); it was skipped, the records after it were read, and the file is `partial`. Error.
pub const RECORD_SKIPPED: &str = "record-skipped";

/// `record-too-large`: A record over `--max-record-mib`. Hyves: one item, where reading stops with earlier records kept; Facebook: a JSON file read whole or an HTML page, which is not imported. Error.
pub const RECORD_TOO_LARGE: &str = "record-too-large";

/// `recoveries-not-listed`: X/Twitter, Facebook: more values were repaired or records skipped in this file than the report lists one by one; the message gives the totals. Warning.
pub const RECOVERIES_NOT_LISTED: &str = "recoveries-not-listed";

/// `refused`: A file refused by the size limits (`--max-file-mib`, `--max-ratio`) that no parser tried to read (a media file, say); it is `failed`, the rest imports. Error; a refused file a parser tried to read gets `unreadable-file` (LinkedIn: `read`) instead.
pub const REFUSED: &str = "refused";

/// `row-too-long`: A CSV row longer than the row limit (a quarter of `--max-record-mib`): the field that crosses it and the fields after it are dropped, the row is kept with the fields before. Warning.
pub const ROW_TOO_LONG: &str = "row-too-long";

/// `suspicious-date`: X/Twitter: a date before 2006, when Twitter began; it is kept as the archive says. Info.
pub const SUSPICIOUS_DATE: &str = "suspicious-date";

/// `too-large`: Hyves: a `manifest.json` larger than 1 MiB is not read; the file is `failed`. Error.
pub const TOO_LARGE: &str = "too-large";

/// `too-many-columns`: A CSV row with more than 4,096 fields: the fields past the limit are dropped, the row is kept. Warning.
pub const TOO_MANY_COLUMNS: &str = "too-many-columns";

/// `truncated`: LinkedIn: an article (`Articles/…html`) larger than 16 MiB; only its first 16 MiB were read. Warning.
pub const TRUNCATED: &str = "truncated";

/// `unknown-file`: A file freehold does not map (an unknown X data type, a LinkedIn file of no known kind, a Hyves XML or JSON file that is not an API response, a Facebook JSON file of no known shape); listed as `unknown`, not imported, its records kept raw where possible. Info (warning for some Facebook files).
pub const UNKNOWN_FILE: &str = "unknown-file";

/// `unknown-header`: LinkedIn: a CSV header that names some key columns but matches no known era; the recognised columns are mapped, the others kept in `extra`, and the file is `partial`. Warning.
pub const UNKNOWN_HEADER: &str = "unknown-header";

/// `unknown-item`: Hyves: items of a kind freehold does not map (or bare `userid` items outside `friends.get`); they were not imported. Info, once per kind and file.
pub const UNKNOWN_ITEM: &str = "unknown-item";

/// `unknown-key`: Facebook: top-level keys of a JSON file that freehold does not map; they were not imported (not kept in `extra`), the rest of the file was. Info.
pub const UNKNOWN_KEY: &str = "unknown-key";

/// `unreadable-file`: A file that cannot be opened or read (a damaged zip member, a file that vanished, a refused file a parser tried to read); it is `failed` (`partial` if records were read), the rest imports. Error.
pub const UNREADABLE_FILE: &str = "unreadable-file";

/// `unterminated-quote`: A CSV quote left open swallowed the following rows: the field is cut before the first swallowed line that reads as a row, and the swallowed rows are read again. Error.
pub const UNTERMINATED_QUOTE: &str = "unterminated-quote";

/// `value-repaired`: A value that could not be read as its type (a lone UTF-16 surrogate, bytes that are not UTF-8, a number out of range) was repaired: U+FFFD for the bad part, a number kept as its text. Warning: per value in X/Twitter and Facebook, with the source in `extra` as `<field>.source`; per file with a count in Hyves, source not kept.
pub const VALUE_REPAIRED: &str = "value-repaired";

/// `xml-dtd-entities`: Hyves: an XML response declares DTD entities; they are never expanded, and references to them are kept as written. Warning.
pub const XML_DTD_ENTITIES: &str = "xml-dtd-entities";

/// `xml-entity-kept`: Hyves: an XML entity reference that is not one of the five predefined ones was kept as written (`&name;`). Info, once per name and file.
pub const XML_ENTITY_KEPT: &str = "xml-entity-kept";

/// Every code above, sorted.
pub const ALL: &[&str] = &[
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
    MISSING_ID,
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
    READ,
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
                code.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{code}"
            );
        }
    }
}
