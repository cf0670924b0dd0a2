//! Keeping the records of files no parser could map, as `raw_records` rows, so that the
//! owner's data is in the database before freehold understands it.

use std::io::Read;

use freehold_model::{RawRecord, id};
use serde_json::{Map, Value};

use crate::csv::{CsvLimits, CsvReader, Header, Row};
use crate::json::{self, Prefix};
use crate::{Archive, Entry, Error, Fate, ParseContext, Severity};

/// For every CSV, JSON or JavaScript-wrapped JSON file that the parse left `unknown` or
/// `failed`, writes each of its records (a CSV row, an element of a JSON array, an
/// element of an array inside a JSON object, the rest of that object) as a
/// [`RawRecord`], with the file's path and the record's position. The file's note and an
/// info diagnostic say how many were kept. Run it after [`crate::Platform::parse`] and
/// before [`ParseContext::finish`].
pub fn keep_unmapped(
    archive: &Archive,
    platform: &str,
    cx: &mut ParseContext<'_>,
) -> Result<(), Error> {
    for entry in archive.entries() {
        let fate = cx.fate(&entry.path);
        if !matches!(fate, None | Some(Fate::Unknown | Fate::Failed)) || entry.refused().is_some() {
            continue;
        }
        let ext = entry
            .file_name()
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let note = cx
            .report()
            .files
            .get(&entry.path)
            .and_then(|f| f.note.clone());
        if fate.is_none() {
            cx.set_fate(entry, Fate::Unknown, "a file freehold does not know");
        }
        let mut keeper = Keeper {
            cx: &mut *cx,
            entry,
            platform,
            kept: 0,
        };
        let read = match ext.as_str() {
            "csv" | "tsv" => keeper.csv(archive),
            "json" | "js" => keeper.json(archive),
            _ => Ok(()),
        };
        let kept = keeper.kept;
        match read {
            Ok(()) => {}
            Err(Error::Entry { source, .. }) => cx.diagnose(
                Severity::Warning,
                crate::codes::RAW_RECORDS,
                Some(&entry.path),
                None,
                format!("the file could not be read to keep its records raw: {source}"),
            ),
            Err(e) => return Err(e),
        }
        if kept > 0 {
            let fate = cx.fate(&entry.path).unwrap_or(Fate::Unknown);
            let kept_note = format!("{kept} records kept as raw records");
            let note = match note {
                Some(n) => format!("{n}; {kept_note}"),
                None => kept_note,
            };
            cx.set_fate(entry, fate, note);
            cx.diagnose(
                Severity::Info,
                crate::codes::RAW_RECORDS,
                Some(&entry.path),
                None,
                format!("freehold cannot map this file: its {kept} records are kept as they were read in raw_records"),
            );
        }
    }
    Ok(())
}

/// Writes the records of one file.
struct Keeper<'c, 'a, 'e> {
    cx: &'c mut ParseContext<'a>,
    entry: &'e Entry,
    platform: &'e str,
    kept: u64,
}

impl Keeper<'_, '_, '_> {
    fn emit(&mut self, position: String, record: Map<String, Value>) -> Result<(), Error> {
        let text = Value::Object(record.clone()).to_string();
        let hash = id::hash_parts(&[self.platform, &self.entry.path, &position, &text]);
        let raw = RawRecord {
            id: format!("raw:{}", &hash[..32.min(hash.len())]),
            platform: self.platform.to_string(),
            import_id: None,
            path: self.entry.path.clone(),
            position: position.clone(),
            record: Some(record),
            extra: None,
        };
        self.kept += 1;
        self.cx.emit(raw, &self.entry.path, position)
    }

    fn csv(&mut self, archive: &Archive) -> Result<(), Error> {
        let limits = CsvLimits::from_limits(archive.limits());
        let path = self.entry.path.clone();
        archive.read_entry(self.entry, |r| {
            let mut reader = CsvReader::open(r, &|_| true, limits)?;
            let Some(header) = reader.header.clone() else {
                return Ok(Ok(()));
            };
            loop {
                let row = reader.next_row();
                for note in reader.notes.drain(..) {
                    self.cx.diagnose(
                        note.severity,
                        note.code,
                        Some(&path),
                        Some(format!("line {}", note.line)),
                        note.message,
                    );
                }
                let Some(row) = row? else {
                    break;
                };
                let position = format!("line {}", row.line);
                if let Err(e) = self.emit(position, row_object(&header, &row)) {
                    return Ok(Err(e));
                }
            }
            Ok(Ok(()))
        })?
    }

    fn json(&mut self, archive: &Archive) -> Result<(), Error> {
        let head = archive.head(self.entry, 4096)?;
        let Some((prefix, open)) = json_shape(&head) else {
            return Ok(());
        };
        let max = archive.limits().max_record_bytes;
        let path = self.entry.path.clone();
        if open == b'[' {
            let result = archive.read_entry(self.entry, |r| {
                Ok(json::for_each_element_limited(r, prefix, max, |i, v| {
                    self.emit(format!("[{i}]"), element_object(v))
                }))
            })?;
            return match result {
                Ok(_) => Ok(()),
                Err(Ok(e)) => Err(e),
                Err(Err(e)) => {
                    self.json_stopped(&path, &e);
                    Ok(())
                }
            };
        }
        if self.entry.size > max {
            self.cx.diagnose(
                Severity::Warning,
                crate::codes::RAW_RECORDS,
                Some(&path),
                None,
                format!(
                    "a JSON object of {} bytes, over the record limit of {max} (see --max-record-mib): not kept",
                    self.entry.size
                ),
            );
            return Ok(());
        }
        let value = archive.read_entry(self.entry, |r| {
            Ok(json::read_value(r.take(max.saturating_add(1)), prefix))
        })?;
        let object = match value {
            Ok(Value::Object(object)) => object,
            Ok(other) => return self.emit(".".into(), element_object(other)),
            Err(e) => {
                self.json_stopped(&path, &e);
                return Ok(());
            }
        };
        let mut rest = Map::new();
        for (key, value) in object {
            match value {
                Value::Array(items) if items.iter().any(Value::is_object) => {
                    for (i, item) in items.into_iter().enumerate() {
                        self.emit(format!(".{key}[{i}]"), element_object(item))?;
                    }
                }
                other => {
                    rest.insert(key, other);
                }
            }
        }
        if !rest.is_empty() {
            self.emit(".".into(), rest)?;
        }
        Ok(())
    }

    /// Reports where keeping the records stopped, unless the parse already reported the
    /// file as failed (the same problem, said once).
    fn json_stopped(&mut self, path: &str, e: &json::JsonError) {
        if self.cx.fate(path) == Some(Fate::Failed) {
            return;
        }
        self.cx.diagnose(
            Severity::Warning,
            crate::codes::RAW_RECORDS,
            Some(path),
            Some(e.locator()),
            format!(
                "keeping this file's records raw stopped at a JSON problem ({}); {} records were kept",
                e.message, self.kept
            ),
        );
    }
}

/// A CSV row as an object of column name to value: blank fields left out, an unnamed
/// column as `column N`, a repeated name with `'` added, fields past the header under
/// `_extra_fields`.
fn row_object(header: &Header, row: &Row) -> Map<String, Value> {
    let mut object = Map::new();
    for (i, value) in row.fields.iter().enumerate().take(header.len()) {
        if value.trim().is_empty() {
            continue;
        }
        let mut key = match header.names.get(i) {
            Some(name) if !name.is_empty() => name.clone(),
            _ => format!("column {}", i + 1),
        };
        while object.contains_key(&key) {
            key.push('\'');
        }
        object.insert(key, Value::from(value.as_str()));
    }
    if let Some(surplus) = row.surplus(header.len()) {
        object.insert("_extra_fields".into(), surplus);
    }
    object
}

/// An element as an object: itself, or `{"value": element}`.
fn element_object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(object) => object,
        other => {
            let mut object = Map::new();
            object.insert("value".into(), other);
            object
        }
    }
}

/// How a JSON file starts: plain or after a JavaScript assignment (`window.X = [`), and
/// whether with an array or an object. `None` for anything else.
fn json_shape(head: &[u8]) -> Option<(Prefix, u8)> {
    let head = crate::text::strip_utf8_bom(head);
    let first = head.iter().position(|b| !b.is_ascii_whitespace())?;
    match head[first] {
        open @ (b'[' | b'{') => Some((Prefix::None, open)),
        _ => {
            let eq = head.iter().position(|&b| b == b'=')?;
            let name = &head[first..eq];
            if !name
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'$' | b' '))
            {
                return None;
            }
            let after = head[eq + 1..].iter().find(|b| !b.is_ascii_whitespace())?;
            matches!(after, b'[' | b'{').then_some((Prefix::Assignment, *after))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(json_shape(b" [1]"), Some((Prefix::None, b'[')));
        assert_eq!(json_shape(b"\xEF\xBB\xBF{}"), Some((Prefix::None, b'{')));
        assert_eq!(
            json_shape(b"window.YTD.new_thing.part0 = [ {} ]"),
            Some((Prefix::Assignment, b'['))
        );
        assert_eq!(json_shape(b"hello world"), None);
        assert_eq!(json_shape(b"<html>a=[</html>"), None);
    }

    #[test]
    fn rows_become_objects() {
        let header = Header::new(&["Name".into(), "".into(), "Name".into()]);
        let row = Row {
            fields: vec!["a".into(), "b".into(), "c".into(), "d".into(), " ".into()],
            line: 2,
        };
        let object = row_object(&header, &row);
        assert_eq!(
            Value::Object(object),
            serde_json::json!({"Name": "a", "column 2": "b", "Name'": "c", "_extra_fields": ["d"]})
        );
    }
}
