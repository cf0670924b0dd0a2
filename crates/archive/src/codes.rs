//! Every diagnostic code, in one documented list.
//!
//! A [`crate::Diagnostic`]'s `code` is one of these strings; they are stable (tests,
//! scripts and `imports.report` read them). Parsers use the constants instead of string
//! literals, and a test of the workspace checks that no crate uses a code missing here.
//! `docs/robustness.md` lists them too.

/// `ambiguous-date`: A date that reads two ways (day and month both ≤ 12); the era's order was used and the text kept.
pub const AMBIGUOUS_DATE: &str = "ambiguous-date";

/// `api-error`: A saved Hyves API response is an error response; its request gave no data.
pub const API_ERROR: &str = "api-error";

/// `bad-date`: A date in no known format: the text is kept in `extra`, the row is kept.
pub const BAD_DATE: &str = "bad-date";

/// `bad-record`: A record of the wrong shape (not an object, a field of the wrong type); it was skipped.
pub const BAD_RECORD: &str = "bad-record";

/// `count-mismatch`: The archive's manifest promises a different number of records than its files hold.
pub const COUNT_MISMATCH: &str = "count-mismatch";

/// `csv`: A CSV file could not be read on from this line.
pub const CSV: &str = "csv";

/// `date-range`: A date outside the platform's plausible range (before it existed, in the future).
pub const DATE_RANGE: &str = "date-range";

/// `drafts-dropped`: Draft posts or articles that are not published were left out on purpose.
pub const DRAFTS_DROPPED: &str = "drafts-dropped";

/// `encoding`: Bytes that are not valid in the file's encoding were replaced.
pub const ENCODING: &str = "encoding";

/// `fancylayout-html`: Hyves bodies in this file are HTML, not Hyves markup (`text_format` is `html`).
pub const FANCYLAYOUT_HTML: &str = "fancylayout-html";

/// `field-too-long`: A CSV field was longer than the limit; it was cut.
pub const FIELD_TOO_LONG: &str = "field-too-long";

/// `hidden-members`: A conversation's member list is hidden or incomplete in the export.
pub const HIDDEN_MEMBERS: &str = "hidden-members";

/// `html-export`: A Facebook HTML export: read best effort (friends, posts, messages).
pub const HTML_EXPORT: &str = "html-export";

/// `html-in-json-export`: HTML files inside a JSON Facebook export; the JSON is read and they are skipped.
pub const HTML_IN_JSON_EXPORT: &str = "html-in-json-export";

/// `hyves-other-format`: Hyves data in a format freehold does not read (the 2013 export, saved pages, WARCs).
pub const HYVES_OTHER_FORMAT: &str = "hyves-other-format";

/// `json-syntax`: A JSON file is not valid JSON from this position on.
pub const JSON_SYNTAX: &str = "json-syntax";

/// `media-copy`: A media file could not be copied into the media folder.
pub const MEDIA_COPY: &str = "media-copy";

/// `media-not-downloaded`: A Hyves media item was not downloaded with the dump; only its metadata is kept.
pub const MEDIA_NOT_DOWNLOADED: &str = "media-not-downloaded";

/// `missing-id`: A Hyves item without its id; it was skipped.
pub const MISSING_ID: &str = "missing-id";

/// `missing-part`: One part of a multi-part file or export (`-partN`, a zip of a set) is missing.
pub const MISSING_PART: &str = "missing-part";

/// `name-collision`: Two people of the same name that the export cannot tell apart.
pub const NAME_COLLISION: &str = "name-collision";

/// `no-header`: A table file without the header row of any known era.
pub const NO_HEADER: &str = "no-header";

/// `no-id`: A record without the id the platform always gives; it was skipped.
pub const NO_ID: &str = "no-id";

/// `no-owner-name`: The export does not say the owner's name; the owner is identified otherwise.
pub const NO_OWNER_NAME: &str = "no-owner-name";

/// `no-person`: A row that names no person (no name, no URL); it was skipped.
pub const NO_PERSON: &str = "no-person";

/// `no-profile`: The export holds no profile file: the owner's account is known by name only.
pub const NO_PROFILE: &str = "no-profile";

/// `owner-conflict`: Files of one dump disagree on whose dump it is.
pub const OWNER_CONFLICT: &str = "owner-conflict";

/// `owner-from-private-fields`: The owner was recognised by fields only the owner can see.
pub const OWNER_FROM_PRIVATE_FIELDS: &str = "owner-from-private-fields";

/// `owner-from-threads`: The owner's name was inferred from the message threads.
pub const OWNER_FROM_THREADS: &str = "owner-from-threads";

/// `owner-inferred`: The owner was inferred from invitations or conversations.
pub const OWNER_INFERRED: &str = "owner-inferred";

/// `owner-unknown`: The archive does not say whose it is; the owner's records have no author.
pub const OWNER_UNKNOWN: &str = "owner-unknown";

/// `parent-unknown`: A comment or reply whose parent is not in the archive.
pub const PARENT_UNKNOWN: &str = "parent-unknown";

/// `partial-archive`: An archive that holds only part of an export (a file set that is normally whole).
pub const PARTIAL_ARCHIVE: &str = "partial-archive";

/// `preamble`: A `Notes:` preamble before the CSV header, skipped.
pub const PREAMBLE: &str = "preamble";

/// `ragged-row`: A CSV row with more or fewer fields than the header; its fields were mapped by position as far as they go.
pub const RAGGED_ROW: &str = "ragged-row";

/// `raw-records`: Records of a file no parser maps were kept as `raw_records` rows.
pub const RAW_RECORDS: &str = "raw-records";

/// `read`: A file could not be read on (an I/O or decoding error).
pub const READ: &str = "read";

/// `record-skipped`: A record that is not JSON; it was skipped and the records after it were read.
pub const RECORD_SKIPPED: &str = "record-skipped";

/// `record-too-large`: One record is larger than the limit; it was skipped.
pub const RECORD_TOO_LARGE: &str = "record-too-large";

/// `recoveries-not-listed`: More repaired values or skipped records than the report lists.
pub const RECOVERIES_NOT_LISTED: &str = "recoveries-not-listed";

/// `refused`: A file refused by the size limits (`--max-file-mib`, `--max-ratio`).
pub const REFUSED: &str = "refused";

/// `row-too-long`: A CSV row longer than the limit; it was skipped.
pub const ROW_TOO_LONG: &str = "row-too-long";

/// `suspicious-date`: A date that parses but is implausible (for example before the platform existed).
pub const SUSPICIOUS_DATE: &str = "suspicious-date";

/// `too-large`: A file larger than the parser reads whole; it was skipped.
pub const TOO_LARGE: &str = "too-large";

/// `too-many-columns`: A CSV row with more columns than the limit; the rest were dropped.
pub const TOO_MANY_COLUMNS: &str = "too-many-columns";

/// `truncated`: A file that ends early (cut short); what was read is kept.
pub const TRUNCATED: &str = "truncated";

/// `unknown-file`: A file of a known kind that the parser does not map yet; see the raw records.
pub const UNKNOWN_FILE: &str = "unknown-file";

/// `unknown-header`: A table header of no known era; read by column name all the same, as `partial`.
pub const UNKNOWN_HEADER: &str = "unknown-header";

/// `unknown-item`: A Hyves item of a kind freehold does not map.
pub const UNKNOWN_ITEM: &str = "unknown-item";

/// `unknown-key`: A JSON key that freehold does not map; kept in `extra`.
pub const UNKNOWN_KEY: &str = "unknown-key";

/// `unreadable-file`: A file of the archive that cannot be read at all (a damaged zip member).
pub const UNREADABLE_FILE: &str = "unreadable-file";

/// `unterminated-quote`: A CSV quote left open; the field ends at the end of the line.
pub const UNTERMINATED_QUOTE: &str = "unterminated-quote";

/// `value-repaired`: A value that could not be read as its type was repaired; the source text is in `extra`.
pub const VALUE_REPAIRED: &str = "value-repaired";

/// `xml-dtd-entities`: An XML file declares a DTD with entities; they are not expanded.
pub const XML_DTD_ENTITIES: &str = "xml-dtd-entities";

/// `xml-entity-kept`: An XML entity that is not defined was kept as text.
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
