//! Reading saved Data-API responses, XML or JSON, as a stream of [`Piece`]s: a response
//! begins (its method, from the XML root or the JSON `method` key), its list items follow
//! one at a time as `serde_json::Value`s, and it ends. `batch.process` files give one
//! such run per sub-response. Nothing but the current item is held in memory.

use std::fmt;
use std::io::{BufRead, BufReader, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde::Deserialize as _;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// One step of a response.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    /// A response begins. `method` is `users.getScraps`, `error`, … when known.
    Begin {
        method: Option<String>,
        locator: String,
    },
    /// One item directly under the response: `user`, `scrap`, `userid`, `info`, `error_code`, …
    Item {
        name: String,
        value: Value,
        locator: String,
    },
    /// The response ends.
    End,
}

/// Something the reader noticed that is worth a diagnostic but does not stop it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Notice {
    /// The DTD declares entities (their names).
    DtdEntities(Vec<String>),
    /// An entity reference that is not predefined was kept as written.
    UnexpandedEntity(String),
}

/// A problem that stopped reading a file.
#[derive(Debug)]
pub(crate) enum ReadError<E> {
    /// The handler stopped (e.g. the sink failed).
    Stopped(E),
    /// The file is not well-formed; `locator` is where.
    Syntax {
        locator: String,
        message: String,
        eof: bool,
    },
}

/// `users_getScraps_result` → `users.getScraps`; `error_result` → `error`.
pub(crate) fn method_of_root(root: &str) -> Option<String> {
    let stem = root.strip_suffix("_result")?;
    if stem.is_empty() {
        return None;
    }
    Some(match stem.split_once('_') {
        Some((ns, rest)) => format!("{ns}.{}", rest.replace('_', ".")),
        None => stem.to_string(),
    })
}

const MAX_DEPTH: usize = 64;

// ---------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------

/// Streams an XML response. DTD entities are never expanded: a DOCTYPE that declares
/// them gives a [`Notice`], and references to them are kept as written (`&name;`).
pub(crate) fn read_xml<R: Read, E>(
    input: R,
    on_piece: &mut dyn FnMut(Piece) -> Result<(), E>,
    on_notice: &mut dyn FnMut(Notice),
) -> Result<(), ReadError<E>> {
    let mut reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, input));
    reader.config_mut().check_end_names = true;
    let mut x = Xml {
        reader,
        buf: Vec::new(),
        on_notice,
    };
    // Prolog: up to the root element.
    let (root, empty) = loop {
        match x.next()? {
            Ev::Start(name) => break (name, false),
            Ev::Empty(name) => break (name, true),
            Ev::Eof => return Err(x.syntax("the file holds no XML element", true)),
            _ => {}
        }
    };
    if root == "batch_process_result" {
        if empty {
            return Ok(());
        }
        let mut request = 0;
        loop {
            match x.next()? {
                Ev::Start(name) if name == "request" => {
                    x.request(request, on_piece)?;
                    request += 1;
                }
                // `info` and anything else around the requests.
                Ev::Start(_) => {
                    x.subtree(1)?;
                }
                Ev::End => return Ok(()),
                Ev::Eof => return Err(x.syntax("the file ends inside the root element", true)),
                _ => {}
            }
        }
    }
    let method = method_of_root(&root).or(Some(root.clone()));
    on_piece(Piece::Begin {
        method,
        locator: root.clone(),
    })
    .map_err(ReadError::Stopped)?;
    if !empty {
        x.items("", on_piece)?;
    }
    on_piece(Piece::End).map_err(ReadError::Stopped)
}

enum Ev {
    Start(String),
    Empty(String),
    Text(String),
    End,
    Eof,
}

struct Xml<'n, R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
    on_notice: &'n mut dyn FnMut(Notice),
}

impl<R: BufRead> Xml<'_, R> {
    fn syntax<E>(&self, message: &str, eof: bool) -> ReadError<E> {
        ReadError::Syntax {
            locator: format!("byte {}", self.reader.buffer_position()),
            message: message.to_string(),
            eof,
        }
    }

    fn next<E>(&mut self) -> Result<Ev, ReadError<E>> {
        self.buf.clear();
        let event = match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => event,
            Err(e) => {
                let eof = matches!(e, quick_xml::Error::Syntax(_));
                return Err(ReadError::Syntax {
                    locator: format!("byte {}", self.reader.error_position()),
                    message: e.to_string(),
                    eof,
                });
            }
        };
        Ok(match event {
            Event::Start(s) => Ev::Start(name(&s)),
            Event::Empty(s) => Ev::Empty(name(&s)),
            Event::End(_) => Ev::End,
            Event::Text(t) => Ev::Text(t.xml10_content().into_owned()),
            Event::CData(c) => Ev::Text(c.into_inner().into_owned()),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match &*r {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => {
                            (self.on_notice)(Notice::UnexpandedEntity(other.to_string()));
                            format!("&{other};")
                        }
                    },
                    Err(_) => format!("&{};", &*r),
                };
                Ev::Text(text)
            }
            Event::DocType(d) => {
                let dtd = d.xml10_content();
                let names = entity_names(&dtd);
                if !names.is_empty() {
                    (self.on_notice)(Notice::DtdEntities(names));
                }
                Ev::Text(String::new())
            }
            Event::Eof => Ev::Eof,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => Ev::Text(String::new()),
        })
    }

    /// The items of a response, up to the end of the element that holds them.
    fn items<E>(
        &mut self,
        prefix: &str,
        on_piece: &mut dyn FnMut(Piece) -> Result<(), E>,
    ) -> Result<(), ReadError<E>> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut locator = |name: &str| {
            let n = match counts.iter_mut().find(|(n, _)| n == name) {
                Some((_, c)) => {
                    *c += 1;
                    *c - 1
                }
                None => {
                    counts.push((name.to_string(), 1));
                    0
                }
            };
            format!("{prefix}{name}[{n}]")
        };
        loop {
            match self.next()? {
                Ev::Start(name) => {
                    let value = self.subtree(2)?;
                    let locator = locator(&name);
                    on_piece(Piece::Item {
                        name,
                        value,
                        locator,
                    })
                    .map_err(ReadError::Stopped)?;
                }
                Ev::Empty(name) => {
                    let locator = locator(&name);
                    on_piece(Piece::Item {
                        name,
                        value: Value::String(String::new()),
                        locator,
                    })
                    .map_err(ReadError::Stopped)?;
                }
                Ev::End => return Ok(()),
                Ev::Eof => return Err(self.syntax("the file ends early (truncated?)", true)),
                Ev::Text(_) => {}
            }
        }
    }

    /// One `<request>` of a batch: either a `*_result` element, or the items themselves.
    fn request<E>(
        &mut self,
        index: usize,
        on_piece: &mut dyn FnMut(Piece) -> Result<(), E>,
    ) -> Result<(), ReadError<E>> {
        let prefix = format!("request[{index}]/");
        let mut begun = false;
        loop {
            match self.next()? {
                Ev::Start(name) if name.ends_with("_result") => {
                    on_piece(Piece::Begin {
                        method: method_of_root(&name),
                        locator: format!("{prefix}{name}"),
                    })
                    .map_err(ReadError::Stopped)?;
                    self.items(&format!("{prefix}{name}/"), on_piece)?;
                    on_piece(Piece::End).map_err(ReadError::Stopped)?;
                }
                Ev::Empty(name) if name.ends_with("_result") => {
                    on_piece(Piece::Begin {
                        method: method_of_root(&name),
                        locator: format!("{prefix}{name}"),
                    })
                    .map_err(ReadError::Stopped)?;
                    on_piece(Piece::End).map_err(ReadError::Stopped)?;
                }
                Ev::Start(name) => {
                    // No `*_result` wrapper: the request holds the items directly.
                    if !begun {
                        begun = true;
                        on_piece(Piece::Begin {
                            method: None,
                            locator: format!("request[{index}]"),
                        })
                        .map_err(ReadError::Stopped)?;
                    }
                    let value = self.subtree(3)?;
                    on_piece(Piece::Item {
                        locator: format!("{prefix}{name}"),
                        name,
                        value,
                    })
                    .map_err(ReadError::Stopped)?;
                }
                Ev::End => {
                    if begun {
                        on_piece(Piece::End).map_err(ReadError::Stopped)?;
                    }
                    return Ok(());
                }
                Ev::Eof => return Err(self.syntax("the file ends early (truncated?)", true)),
                Ev::Empty(_) | Ev::Text(_) => {}
            }
        }
    }

    /// The element just opened, as a value: text for a leaf, an object for an element
    /// with children (repeated names become arrays).
    fn subtree<E>(&mut self, depth: usize) -> Result<Value, ReadError<E>> {
        if depth > MAX_DEPTH {
            return Err(self.syntax("elements are nested too deeply", false));
        }
        let mut text = String::new();
        let mut children: Option<Map<String, Value>> = None;
        loop {
            match self.next()? {
                Ev::Text(t) => text.push_str(&t),
                Ev::Start(child) => {
                    let value = self.subtree(depth + 1)?;
                    insert(children.get_or_insert_with(Map::new), child, value);
                }
                Ev::Empty(child) => {
                    insert(
                        children.get_or_insert_with(Map::new),
                        child,
                        Value::String(String::new()),
                    );
                }
                Ev::End => {
                    return Ok(match children {
                        Some(map) => Value::Object(map),
                        None => Value::String(text),
                    });
                }
                Ev::Eof => return Err(self.syntax("the file ends early (truncated?)", true)),
            }
        }
    }
}

fn name(start: &BytesStart<'_>) -> String {
    start.local_name().into_inner().to_string()
}

fn insert(map: &mut Map<String, Value>, key: String, value: Value) {
    match map.get_mut(&key) {
        Some(Value::Array(list)) => list.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
        None => {
            map.insert(key, value);
        }
    }
}

/// The names declared by `<!ENTITY name …>` in a DTD.
fn entity_names(dtd: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = dtd;
    while let Some(at) = rest.find("<!ENTITY") {
        rest = &rest[at + "<!ENTITY".len()..];
        let decl = rest.trim_start().trim_start_matches('%').trim_start();
        let name: String = decl
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>')
            .collect();
        if !name.is_empty() {
            names.push(name);
        }
    }
    names
}

// ---------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------

/// Streams a JSON response: the top-level object's arrays are read element by element.
/// `method` is the method if it is already known (from a `method` key found in the
/// file's first bytes, or from the path); a `request` array (`batch.process`) is read as
/// one response per element.
pub(crate) fn read_json<R: Read, E>(
    input: R,
    method: Option<String>,
    on_piece: &mut dyn FnMut(Piece) -> Result<(), E>,
) -> Result<(), ReadError<E>> {
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    if let Ok(buf) = reader.fill_buf() {
        if buf.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        }
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut top = Top {
        on_piece,
        method,
        begun: false,
        stopped: None,
    };
    let result = (&mut de).deserialize_map(&mut top).and_then(|()| de.end());
    if let Some(e) = top.stopped {
        return Err(ReadError::Stopped(e));
    }
    match result {
        Ok(()) => {
            if top.begun {
                (top.on_piece)(Piece::End).map_err(ReadError::Stopped)?;
            }
            Ok(())
        }
        Err(e) => {
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            Err(ReadError::Syntax {
                locator: format!("line {}, column {}", e.line(), e.column()),
                message,
                eof: e.is_eof(),
            })
        }
    }
}

/// Walks one response already held as a value (a `batch.process` element).
fn walk_value<E>(
    value: Value,
    locator: &str,
    on_piece: &mut dyn FnMut(Piece) -> Result<(), E>,
) -> Result<(), E> {
    let Value::Object(mut map) = value else {
        return Ok(());
    };
    // `{"users_get_result": {...}}` or the response object itself.
    let (method, map) = if map.len() == 1 && map.keys().all(|k| k.ends_with("_result")) {
        let (key, inner) = map.into_iter().next().unwrap_or_default();
        match inner {
            Value::Object(inner) => (method_of_root(&key), inner),
            _ => return Ok(()),
        }
    } else {
        let method = map
            .remove("method")
            .and_then(|m| m.as_str().map(str::to_string));
        (method, map)
    };
    on_piece(Piece::Begin {
        method,
        locator: locator.to_string(),
    })?;
    for (name, value) in map {
        match value {
            Value::Array(list) => {
                for (i, value) in list.into_iter().enumerate() {
                    on_piece(Piece::Item {
                        locator: format!("{locator}.{name}[{i}]"),
                        name: name.clone(),
                        value,
                    })?;
                }
            }
            value => on_piece(Piece::Item {
                locator: format!("{locator}.{name}"),
                name,
                value,
            })?,
        }
    }
    on_piece(Piece::End)
}

struct Top<'h, E> {
    on_piece: &'h mut dyn FnMut(Piece) -> Result<(), E>,
    method: Option<String>,
    begun: bool,
    stopped: Option<E>,
}

impl<E> Top<'_, E> {
    fn call(&mut self, piece: Piece) -> Result<(), String> {
        if let Piece::Item { .. } = piece {
            if !self.begun {
                self.begun = true;
                let method = self.method.clone();
                if let Err(e) = (self.on_piece)(Piece::Begin {
                    method,
                    locator: String::new(),
                }) {
                    self.stopped = Some(e);
                    return Err("stopped".into());
                }
            }
        }
        if let Err(e) = (self.on_piece)(piece) {
            self.stopped = Some(e);
            return Err("stopped".into());
        }
        Ok(())
    }
}

impl<'de, E> Visitor<'de> for &mut Top<'_, E> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Hyves API response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "method" => {
                    let value: Value = map.next_value()?;
                    if self.method.is_none() && !self.begun {
                        self.method = value.as_str().map(str::to_string);
                    }
                }
                "request" => map.next_value_seed(Requests { top: &mut *self })?,
                // Timing and paging only; never the start of a response on its own.
                "info" => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ => map.next_value_seed(Items {
                    top: &mut *self,
                    name: key,
                })?,
            }
        }
        Ok(())
    }
}

/// The value of one top-level key: an array is streamed, anything else is one item.
struct Items<'t, 'h, E> {
    top: &'t mut Top<'h, E>,
    name: String,
}

impl<'de, E> DeserializeSeed<'de> for Items<'_, '_, E> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<E> Items<'_, '_, E> {
    fn single<Err: de::Error>(self, value: Value) -> Result<(), Err> {
        let locator = self.name.clone();
        self.top
            .call(Piece::Item {
                name: self.name,
                value,
                locator,
            })
            .map_err(Err::custom)
    }
}

impl<'de, E> Visitor<'de> for Items<'_, '_, E> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            self.top
                .call(Piece::Item {
                    name: self.name.clone(),
                    value,
                    locator: format!("{}[{i}]", self.name),
                })
                .map_err(de::Error::custom)?;
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        self.single(value)
    }

    fn visit_str<Err: de::Error>(self, v: &str) -> Result<(), Err> {
        self.single(Value::String(v.to_string()))
    }

    fn visit_string<Err: de::Error>(self, v: String) -> Result<(), Err> {
        self.single(Value::String(v))
    }

    fn visit_i64<Err: de::Error>(self, v: i64) -> Result<(), Err> {
        self.single(Value::from(v))
    }

    fn visit_u64<Err: de::Error>(self, v: u64) -> Result<(), Err> {
        self.single(Value::from(v))
    }

    fn visit_f64<Err: de::Error>(self, v: f64) -> Result<(), Err> {
        self.single(Value::from(v))
    }

    fn visit_bool<Err: de::Error>(self, v: bool) -> Result<(), Err> {
        self.single(Value::Bool(v))
    }

    fn visit_unit<Err: de::Error>(self) -> Result<(), Err> {
        self.single(Value::Null)
    }
}

/// `batch.process`: each element of `request` is one response.
struct Requests<'t, 'h, E> {
    top: &'t mut Top<'h, E>,
}

impl<'de, E> DeserializeSeed<'de> for Requests<'_, '_, E> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, E> Visitor<'de> for Requests<'_, '_, E> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a batch.process request array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            let top = &mut *self.top;
            if let Err(e) = walk_value(value, &format!("request[{i}]"), top.on_piece) {
                top.stopped = Some(e);
                return Err(de::Error::custom("stopped"));
            }
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        // A single request not wrapped in an array.
        let value = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        let top = &mut *self.top;
        if let Err(e) = walk_value(value, "request", top.on_piece) {
            top.stopped = Some(e);
            return Err(de::Error::custom("stopped"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(input: &str) -> (Vec<Piece>, Vec<Notice>) {
        let mut pieces = Vec::new();
        let mut notices = Vec::new();
        read_xml::<_, ()>(
            input.as_bytes(),
            &mut |p| {
                pieces.push(p);
                Ok(())
            },
            &mut |n| notices.push(n),
        )
        .map_err(|e| match e {
            ReadError::Syntax { message, .. } => message,
            ReadError::Stopped(()) => "stopped".into(),
        })
        .unwrap();
        (pieces, notices)
    }

    fn json(input: &str) -> Vec<Piece> {
        let mut pieces = Vec::new();
        read_json::<_, ()>(input.as_bytes(), None, &mut |p| {
            pieces.push(p);
            Ok(())
        })
        .map_err(|e| match e {
            ReadError::Syntax { message, .. } => message,
            ReadError::Stopped(()) => "stopped".into(),
        })
        .unwrap();
        pieces
    }

    fn items(pieces: &[Piece]) -> Vec<(String, Value)> {
        pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Item { name, value, .. } => Some((name.clone(), value.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn roots_become_methods() {
        assert_eq!(
            method_of_root("users_getScraps_result").as_deref(),
            Some("users.getScraps")
        );
        assert_eq!(method_of_root("error_result").as_deref(), Some("error"));
        assert_eq!(
            method_of_root("friends_get_result").as_deref(),
            Some("friends.get")
        );
        assert_eq!(method_of_root("result"), None);
        assert_eq!(method_of_root("_result"), None);
    }

    #[test]
    fn xml_items_become_values() {
        let (pieces, notices) = xml(
            "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users_get_result><user><userid>c26fbee3459914f0</userid><nickname>Jo&#235;lle &amp; co</nickname><birthday><day>2</day><month>3</month><year/></birthday></user><user><userid>x</userid></user><info><totalresults>2</totalresults></info></users_get_result>",
        );
        assert!(notices.is_empty());
        assert_eq!(
            pieces[0],
            Piece::Begin {
                method: Some("users.get".into()),
                locator: "users_get_result".into()
            }
        );
        let items = items(&pieces);
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].1["nickname"], "Joëlle & co");
        assert_eq!(items[0].1["birthday"]["year"], "");
        assert_eq!(items[2].0, "info");
        assert_eq!(pieces.last(), Some(&Piece::End));
    }

    #[test]
    fn xml_dtd_entities_are_reported_and_never_expanded() {
        let (pieces, notices) = xml(
            "<!DOCTYPE wwws_getByUser_result [<!ENTITY hv \"Hyves\"><!ENTITY lol \"&hv;&hv;\">]><wwws_getByUser_result><www><emotion>ik &hv; je</emotion></www></wwws_getByUser_result>",
        );
        assert_eq!(
            notices,
            [
                Notice::DtdEntities(vec!["hv".into(), "lol".into()]),
                Notice::UnexpandedEntity("hv".into())
            ]
        );
        assert_eq!(items(&pieces)[0].1["emotion"], "ik &hv; je");
    }

    #[test]
    fn xml_batch_is_unwrapped() {
        let (pieces, _) = xml(
            "<batch_process_result><request><users_get_result><user><userid>a</userid></user></users_get_result></request><request><error_result><error_code>17</error_code></error_result></request><info/></batch_process_result>",
        );
        let begins: Vec<_> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Begin { method, .. } => method.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(begins, ["users.get", "error"]);
        assert_eq!(items(&pieces).len(), 2);
    }

    #[test]
    fn xml_truncated_is_a_syntax_error() {
        let mut n = 0;
        let result = read_xml::<_, ()>(
            "<users_get_result><user><userid>a</userid></user><user><userid>b".as_bytes(),
            &mut |p| {
                if matches!(p, Piece::Item { .. }) {
                    n += 1;
                }
                Ok(())
            },
            &mut |_| {},
        );
        assert_eq!(n, 1);
        assert!(matches!(result, Err(ReadError::Syntax { .. })));
    }

    #[test]
    fn json_arrays_are_streamed_and_method_read() {
        let pieces = json(
            "{\"user\": [{\"userid\": \"a\"}, {\"userid\": \"b\"}], \"info\": {\"running_milliseconds\": 3}, \"method\": \"users.get\"}",
        );
        assert_eq!(
            pieces[0],
            Piece::Begin {
                method: None,
                locator: String::new()
            }
        );
        assert_eq!(items(&pieces).len(), 2);
        let pieces = json("{\"method\": \"friends.get\", \"userid\": [\"a\", \"b\"]}");
        assert_eq!(
            pieces[0],
            Piece::Begin {
                method: Some("friends.get".into()),
                locator: String::new()
            }
        );
    }

    #[test]
    fn json_batch_and_errors() {
        let pieces = json(
            "{\"request\": [{\"users_get_result\": {\"user\": [{\"userid\": \"a\"}]}}, {\"method\": \"wwws.get\", \"www\": [{\"wwwid\": \"w\"}]}], \"info\": {}}",
        );
        let begins: Vec<_> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Begin { method, .. } => Some(method.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(begins, [Some("users.get".into()), Some("wwws.get".into())]);
        let pieces = json("{\"error_code\": 17, \"error_message\": \"token invalid\"}");
        assert_eq!(items(&pieces)[0], ("error_code".into(), Value::from(17)));
    }

    #[test]
    fn json_syntax_error_has_a_position() {
        let result =
            read_json::<_, ()>(
                "{\"user\": [{\"userid\": ".as_bytes(),
                None,
                &mut |_| Ok(()),
            );
        match result {
            Err(ReadError::Syntax { eof, .. }) => assert!(eof),
            _ => panic!("expected a syntax error"),
        }
    }
}
