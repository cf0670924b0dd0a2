//! Reading saved Data-API responses, XML or JSON, as a stream of [`Piece`]s: a response
//! begins (its method, from the XML root or the JSON `method` key), its list items follow
//! one at a time as `serde_json::Value`s, and it ends. `batch.process` files give one
//! such run per sub-response. Nothing but the current item is held in memory.

use std::cell::Cell;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};
use freehold_archive::text::sniff_encoding;
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
    /// This many bytes that are not UTF-8 were read as U+FFFD.
    BytesRepaired(u64),
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
    /// One item is larger than `limit` bytes; `locator` is where it starts.
    TooLarge { locator: String, limit: u64 },
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
// Encodings and wrappers
// ---------------------------------------------------------------------------------------

/// The encoding of a document from its first bytes, when it is not UTF-8: UTF-16 as
/// [`sniff_encoding`] tells it (a byte order mark, or the zero bytes of `<?`/`{"`
/// without one), or the `encoding` of an XML declaration (`ISO-8859-1`,
/// `windows-1252`, …). `None` means UTF-8.
pub(crate) fn encoding_of(head: &[u8]) -> Option<&'static Encoding> {
    let sniffed = sniff_encoding(head);
    if sniffed.encoding != UTF_8 {
        return Some(sniffed.encoding);
    }
    if sniffed.bom > 0 {
        return None;
    }
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = head[start..].strip_prefix(b"<?xml")?;
    let decl = &rest[..rest.windows(2).position(|w| w == b"?>")?];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let value = decl[at + 8..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == b'=')
        .copied()
        .collect::<Vec<u8>>();
    let quote = *value.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let label = &value[1..1 + value[1..].iter().position(|&b| b == quote)?];
    let encoding = Encoding::for_label(label)?;
    // UTF-16 declared in a document that has no UTF-16 bytes is read as UTF-8.
    (encoding != UTF_8 && encoding != UTF_16LE && encoding != UTF_16BE).then_some(encoding)
}

/// The first bytes of a file as text, decoded as [`encoding_of`] says.
pub(crate) fn head_text(head: &[u8]) -> String {
    let bytes = head.get(sniff_encoding(head).bom..).unwrap_or_default();
    match encoding_of(head) {
        Some(encoding) => encoding.decode_without_bom_handling(bytes).0.into_owned(),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// `callback(` at the start of a JSONP response: the length of the wrapper's opening
/// (up to and including the parenthesis), if there is one.
pub(crate) fn jsonp_prefix(text: &[u8]) -> Option<usize> {
    let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
    let name_len = text[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.'))
        .count();
    if name_len == 0 || text[start].is_ascii_digit() {
        return None;
    }
    let after = start + name_len;
    let paren = after
        + text[after..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    (text.get(paren) == Some(&b'(')).then_some(paren + 1)
}

/// A reader that transcodes to UTF-8 when the document is in another encoding.
enum Decoded<R: Read> {
    Plain(R),
    Transcoded(DecodeReaderBytes<R, Vec<u8>>),
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Decoded::Plain(r) => r.read(buf),
            Decoded::Transcoded(r) => r.read(buf),
        }
    }
}

/// Reads the first bytes of `input`, and transcodes it to UTF-8 if they say it is in
/// another encoding. A UTF-8 byte order mark is removed.
fn decoded<R: Read>(input: R) -> std::io::Result<BufReader<Decoded<BufReader<R>>>> {
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let head = input.fill_buf()?;
    let encoding = encoding_of(head);
    if encoding.is_none() {
        // A UTF-8 byte order mark, if there is one.
        let bom = sniff_encoding(head).bom;
        input.consume(bom);
    }
    let inner = match encoding {
        Some(encoding) => Decoded::Transcoded(
            DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .strip_bom(true)
                .build(input),
        ),
        None => Decoded::Plain(input),
    };
    Ok(BufReader::with_capacity(64 * 1024, inner))
}

// ---------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------

/// Streams an XML response. DTD entities are never expanded: a DOCTYPE that declares
/// them gives a [`Notice`], and references to them are kept as written (`&name;`).
pub(crate) fn read_xml<R: Read, E>(
    input: R,
    max_item_bytes: u64,
    on_piece: &mut dyn FnMut(Piece) -> Result<(), E>,
    on_notice: &mut dyn FnMut(Notice),
) -> Result<(), ReadError<E>> {
    let limit = Limit::new(max_item_bytes);
    let input = decoded(limit.wrap(input)).map_err(|e| ReadError::Syntax {
        locator: "byte 0".into(),
        message: e.to_string(),
        eof: false,
    })?;
    // A byte that is not UTF-8 costs that character, not the rest of the file.
    let repairing = freehold_archive::json::Repairing::utf8(input);
    let repaired = repairing.counter();
    let input = BufReader::with_capacity(64 * 1024, repairing);
    let result = read_xml_from(input, &limit, on_piece, on_notice);
    let n = repaired.load(std::sync::atomic::Ordering::Relaxed);
    if n > 0 {
        on_notice(Notice::BytesRepaired(n));
    }
    result
}

fn read_xml_from<B: BufRead, E>(
    input: B,
    limit: &Limit,
    on_piece: &mut dyn FnMut(Piece) -> Result<(), E>,
    on_notice: &mut dyn FnMut(Notice),
) -> Result<(), ReadError<E>> {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().check_end_names = true;
    let mut x = Xml {
        reader,
        buf: Vec::new(),
        on_notice,
        limit: limit.clone(),
        mark: 0,
    };
    // Prolog: up to the root element.
    let (root, empty) = loop {
        match x.next()? {
            Ev::Start(name, _) => break (name, false),
            Ev::Empty(name, _) => break (name, true),
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
                Ev::Start(name, _) if name == "request" => {
                    x.begin_item();
                    x.request(request, on_piece)?;
                    request += 1;
                }
                // `info` and anything else around the requests.
                Ev::Start(..) => {
                    x.begin_item();
                    x.subtree(1, Vec::new())?;
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

/// An element's attributes, name and value.
type Attrs = Vec<(String, String)>;

enum Ev {
    Start(String, Attrs),
    Empty(String, Attrs),
    Text(String),
    End,
    Eof,
}

struct Xml<'n, R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
    on_notice: &'n mut dyn FnMut(Notice),
    /// Bounds the bytes read for one item.
    limit: Limit,
    /// Where the current top-level element began.
    mark: u64,
}

impl<R: BufRead> Xml<'_, R> {
    /// A new item begins here: its size is counted from now.
    fn begin_item(&mut self) {
        self.mark = self.reader.buffer_position();
        self.limit.reset();
    }

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
            Err(_) if self.limit.tripped() => {
                return Err(ReadError::TooLarge {
                    locator: format!("byte {}", self.mark),
                    limit: self.limit.max,
                });
            }
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
            Event::Start(s) => Ev::Start(name(&s), attributes(&s)),
            Event::Empty(s) => Ev::Empty(name(&s), attributes(&s)),
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
                Ev::Start(name, attrs) => {
                    self.begin_item();
                    let value = self.subtree(2, attrs)?;
                    let locator = locator(&name);
                    on_piece(Piece::Item {
                        name,
                        value,
                        locator,
                    })
                    .map_err(ReadError::Stopped)?;
                }
                Ev::Empty(name, attrs) => {
                    let locator = locator(&name);
                    on_piece(Piece::Item {
                        name,
                        value: with_attributes(Value::String(String::new()), attrs),
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
                Ev::Start(name, _) if name.ends_with("_result") => {
                    on_piece(Piece::Begin {
                        method: method_of_root(&name),
                        locator: format!("{prefix}{name}"),
                    })
                    .map_err(ReadError::Stopped)?;
                    self.items(&format!("{prefix}{name}/"), on_piece)?;
                    on_piece(Piece::End).map_err(ReadError::Stopped)?;
                }
                Ev::Empty(name, _) if name.ends_with("_result") => {
                    on_piece(Piece::Begin {
                        method: method_of_root(&name),
                        locator: format!("{prefix}{name}"),
                    })
                    .map_err(ReadError::Stopped)?;
                    on_piece(Piece::End).map_err(ReadError::Stopped)?;
                }
                Ev::Start(name, attrs) => {
                    // No `*_result` wrapper: the request holds the items directly.
                    if !begun {
                        begun = true;
                        on_piece(Piece::Begin {
                            method: None,
                            locator: format!("request[{index}]"),
                        })
                        .map_err(ReadError::Stopped)?;
                    }
                    self.begin_item();
                    let value = self.subtree(3, attrs)?;
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
                Ev::Empty(..) | Ev::Text(_) => {}
            }
        }
    }

    /// The element just opened, as a value: text for a leaf, an object for an element
    /// with children (repeated names become arrays).
    fn subtree<E>(&mut self, depth: usize, attrs: Attrs) -> Result<Value, ReadError<E>> {
        if depth > MAX_DEPTH {
            return Err(self.syntax("elements are nested too deeply", false));
        }
        let mut text = String::new();
        let mut children: Option<Map<String, Value>> = None;
        loop {
            match self.next()? {
                Ev::Text(t) => text.push_str(&t),
                Ev::Start(child, child_attrs) => {
                    let value = self.subtree(depth + 1, child_attrs)?;
                    insert(children.get_or_insert_with(Map::new), child, value);
                }
                Ev::Empty(child, child_attrs) => {
                    insert(
                        children.get_or_insert_with(Map::new),
                        child,
                        with_attributes(Value::String(String::new()), child_attrs),
                    );
                }
                Ev::End => {
                    let value = match children {
                        Some(map) => Value::Object(map),
                        None => Value::String(text),
                    };
                    return Ok(with_attributes(value, attrs));
                }
                Ev::Eof => return Err(self.syntax("the file ends early (truncated?)", true)),
            }
        }
    }
}

fn name(start: &BytesStart<'_>) -> String {
    start.local_name().into_inner().to_string()
}

/// The attributes of an element, namespace declarations left out. A value with an
/// entity that cannot be expanded is kept as written.
fn attributes(start: &BytesStart<'_>) -> Attrs {
    start
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .filter(|a| {
            let key = a.key.as_ref();
            key != "xmlns" && !key.starts_with("xmlns:") && !key.starts_with("xsi:")
        })
        .map(|a| {
            let key = a.key.local_name().into_inner().to_string();
            let value = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(_) => a.value.clone().into_owned(),
            };
            (key, value)
        })
        .collect()
}

/// An element's value with its attributes: in an object, each attribute becomes a
/// field (`@name` when a child element already has that name); an element with only
/// attributes becomes an object of them; text with attributes stays text.
fn with_attributes(value: Value, attrs: Attrs) -> Value {
    if attrs.is_empty() {
        return value;
    }
    let mut map = match value {
        Value::Object(map) => map,
        Value::String(text) if text.trim().is_empty() => Map::new(),
        other => return other,
    };
    for (key, v) in attrs {
        let key = if map.contains_key(&key) {
            format!("@{key}")
        } else {
            key
        };
        map.entry(key).or_insert(Value::String(v));
    }
    Value::Object(map)
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
#[cfg(test)]
pub(crate) fn read_json<R: Read, E>(
    input: R,
    method: Option<String>,
    max_item_bytes: u64,
    on_piece: &mut dyn FnMut(Piece) -> Result<(), E>,
) -> Result<(), ReadError<E>> {
    read_json_repairing(input, method, max_item_bytes, on_piece, &mut 0)
}

/// [`read_json`], repairing bad values inside strings as it reads (a lone UTF-16
/// surrogate escape, bytes that are not UTF-8: see [`freehold_archive::json::Repairing`]),
/// so that one bad value does not cost the rest of the file; `repaired` counts them.
pub(crate) fn read_json_repairing<R: Read, E>(
    input: R,
    method: Option<String>,
    max_item_bytes: u64,
    on_piece: &mut dyn FnMut(Piece) -> Result<(), E>,
    repaired: &mut u64,
) -> Result<(), ReadError<E>> {
    let limit = Limit::new(max_item_bytes);
    let decoded = decoded(limit.wrap(input)).map_err(|e| ReadError::Syntax {
        locator: "line 1, column 1".into(),
        message: e.to_string(),
        eof: false,
    })?;
    let repairing = freehold_archive::json::Repairing::new(decoded);
    let counter = repairing.counter();
    let mut reader = BufReader::with_capacity(64 * 1024, repairing);
    let result = read_json_from(&mut reader, method, &limit, on_piece);
    *repaired = counter.load(std::sync::atomic::Ordering::Relaxed);
    result
}

fn read_json_from<B: BufRead, E>(
    mut reader: B,
    method: Option<String>,
    limit: &Limit,
    on_piece: &mut dyn FnMut(Piece) -> Result<(), E>,
) -> Result<(), ReadError<E>> {
    // JSONP (`ha_callback`): `callback({...})` is read as the object inside.
    let jsonp = match reader.fill_buf() {
        Ok(buf) => jsonp_prefix(buf),
        Err(_) => None,
    };
    if let Some(n) = jsonp {
        reader.consume(n);
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut top = Top {
        on_piece,
        method,
        begun: false,
        stopped: None,
        limit: limit.clone(),
    };
    let result = (&mut de).deserialize_map(&mut top).and_then(|()| {
        // The closing `);` of a JSONP response is not JSON.
        if jsonp.is_some() { Ok(()) } else { de.end() }
    });
    if let Some(e) = top.stopped {
        return Err(ReadError::Stopped(e));
    }
    match result {
        Err(_) if limit.tripped() => Err(ReadError::TooLarge {
            locator: "after the last item read".into(),
            limit: limit.max,
        }),
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
    limit: Limit,
}

impl<E> Top<'_, E> {
    fn call(&mut self, piece: Piece) -> Result<(), String> {
        if let Piece::Item { .. } = piece
            && !self.begun
        {
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
        self.limit.reset();
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
            top.limit.reset();
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

/// Counts the bytes read since the current item began and fails the read once they pass
/// `max` (approximately: reads come in buffer-sized chunks), so one huge item never
/// becomes one huge allocation.
#[derive(Clone)]
struct Limit {
    max: u64,
    since: Rc<Cell<u64>>,
    tripped: Rc<Cell<bool>>,
}

impl Limit {
    fn new(max: u64) -> Limit {
        Limit {
            max,
            since: Rc::new(Cell::new(0)),
            tripped: Rc::new(Cell::new(false)),
        }
    }

    fn wrap<R: Read>(&self, inner: R) -> LimitReader<R> {
        LimitReader {
            inner,
            limit: self.clone(),
        }
    }

    fn reset(&self) {
        self.since.set(0);
    }

    fn tripped(&self) -> bool {
        self.tripped.get()
    }
}

struct LimitReader<R> {
    inner: R,
    limit: Limit,
}

impl<R: Read> Read for LimitReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.limit.since.get() > self.limit.max {
            self.limit.tripped.set(true);
            return Err(std::io::Error::other(format!(
                "one item is larger than {} bytes",
                self.limit.max
            )));
        }
        let n = self.inner.read(buf)?;
        self.limit
            .since
            .set(self.limit.since.get().saturating_add(n as u64));
        Ok(n)
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
            u64::MAX,
            &mut |p| {
                pieces.push(p);
                Ok(())
            },
            &mut |n| notices.push(n),
        )
        .map_err(|e| match e {
            ReadError::Syntax { message, .. } => message,
            ReadError::Stopped(()) => "stopped".into(),
            ReadError::TooLarge { .. } => "too large".into(),
        })
        .unwrap();
        (pieces, notices)
    }

    fn json(input: &str) -> Vec<Piece> {
        let mut pieces = Vec::new();
        read_json::<_, ()>(input.as_bytes(), None, u64::MAX, &mut |p| {
            pieces.push(p);
            Ok(())
        })
        .map_err(|e| match e {
            ReadError::Syntax { message, .. } => message,
            ReadError::Stopped(()) => "stopped".into(),
            ReadError::TooLarge { .. } => "too large".into(),
        })
        .unwrap();
        pieces
    }

    fn xml_bytes(input: &[u8]) -> Vec<(String, Value)> {
        let mut pieces = Vec::new();
        let result = read_xml::<_, ()>(
            input,
            u64::MAX,
            &mut |p| {
                pieces.push(p);
                Ok(())
            },
            &mut |_| {},
        );
        assert!(result.is_ok(), "{input:?}");
        items(&pieces)
    }

    #[test]
    fn xml_in_latin1_and_utf16_is_decoded() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<users_get_result><user><firstname>Ren\xE9e</firstname></user></users_get_result>";
        let got = xml_bytes(latin1);
        assert_eq!(got[0].1["firstname"], Value::from("Ren\u{e9}e"));

        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><users_get_result><user><firstname>Ren\u{e9}e</firstname></user></users_get_result>";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(xml_bytes(&le)[0].1["firstname"], Value::from("Ren\u{e9}e"));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(xml_bytes(&be)[0].1["firstname"], Value::from("Ren\u{e9}e"));
    }

    #[test]
    fn xml_attributes_become_fields() {
        let (pieces, _) = xml(
            "<albums_getByUser_result xmlns=\"urn:x\"><album albumid=\"a1\" title=\"Attr\"><title>Zomer</title><created>1385942400</created><cover mediaid=\"m1\"/></album><album albumid=\"a2\"/><tip tipid=\"t1\">tekst</tip></albums_getByUser_result>",
        );
        let got = items(&pieces);
        assert_eq!(
            got[0].1,
            serde_json::json!({
                "albumid": "a1",
                "title": "Zomer",
                "@title": "Attr",
                "created": "1385942400",
                "cover": {"mediaid": "m1"}
            })
        );
        assert_eq!(got[1].1, serde_json::json!({"albumid": "a2"}));
        // Text with attributes stays text.
        assert_eq!(got[2].1, Value::from("tekst"));
    }

    #[test]
    fn jsonp_wrapper_is_removed() {
        let pieces = json(
            "ha_callback({\"method\": \"users.getScraps\", \"scrap\": [{\"scrapid\": \"1\"}]});\n",
        );
        assert_eq!(
            pieces[0],
            Piece::Begin {
                method: Some("users.getScraps".into()),
                locator: String::new()
            }
        );
        assert_eq!(items(&pieces)[0].1["scrapid"], Value::from("1"));
        assert_eq!(jsonp_prefix(b"{\"a\": 1}"), None);
        assert_eq!(jsonp_prefix(b" cb ( {"), Some(5));
    }

    #[test]
    fn one_huge_item_stops_reading_with_too_large() {
        let big = "x".repeat(600_000);
        let xml_in = format!(
            "<users_getScraps_result><scrap><scrapid>1</scrapid></scrap><scrap><body>{big}</body></scrap><scrap><scrapid>3</scrapid></scrap></users_getScraps_result>"
        );
        let mut n = 0;
        let r = read_xml::<_, ()>(
            xml_in.as_bytes(),
            200_000,
            &mut |p| {
                n += usize::from(matches!(p, Piece::Item { .. }));
                Ok(())
            },
            &mut |_| {},
        );
        assert!(matches!(r, Err(ReadError::TooLarge { limit: 200_000, .. })));
        assert_eq!(n, 1);
        let json_in = format!(
            "{{\"scrap\": [{{\"scrapid\": \"1\"}}, {{\"body\": \"{big}\"}}, {{\"scrapid\": \"3\"}}]}}"
        );
        let mut n = 0;
        let r = read_json::<_, ()>(json_in.as_bytes(), None, 200_000, &mut |p| {
            n += usize::from(matches!(p, Piece::Item { .. }));
            Ok(())
        });
        assert!(matches!(r, Err(ReadError::TooLarge { limit: 200_000, .. })));
        assert_eq!(n, 1);
        // Under the limit, everything is read.
        let r = read_json::<_, ()>(json_in.as_bytes(), None, 1 << 20, &mut |_| Ok(()));
        assert!(r.is_ok());
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
            u64::MAX,
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
        let result = read_json::<_, ()>(
            "{\"user\": [{\"userid\": ".as_bytes(),
            None,
            u64::MAX,
            &mut |_| Ok(()),
        );
        match result {
            Err(ReadError::Syntax { eof, .. }) => assert!(eof),
            _ => panic!("expected a syntax error"),
        }
    }
}
