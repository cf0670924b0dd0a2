//! The social graph as GEXF 1.3 (dynamic: edges and nodes carry `start` dates where the
//! archive has them, so Gephi's timeline plays how the network grew) and GraphML.
//!
//! Nodes are persons (or accounts with [`Nodes::Accounts`]) with a label, their
//! platforms and handles; edges are relationships with their kind, platform and start
//! (and end) date, directed from the account the tie goes out from.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use super::{NOTICE, People, PeopleReport};

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Nodes {
    /// One node per person.
    #[default]
    Persons,
    /// One node per account.
    Accounts,
}

/// The graph format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GEXF 1.3.
    Gexf,
    /// GraphML.
    Graphml,
}

struct Node {
    id: String,
    label: String,
    platforms: String,
    handles: String,
    owner: bool,
    start: Option<String>,
}

struct Edge {
    source: usize,
    target: usize,
    kind: String,
    platform: String,
    start: Option<String>,
    end: Option<String>,
}

/// Escapes text for an XML attribute or element; drops characters XML 1.0 forbids.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A date of the form `YYYY-MM-DD` from a model time, if it has one.
fn date(t: Option<&str>) -> Option<String> {
    let t = t?;
    let d: String = t.chars().take(10).collect();
    let ok = d.len() == 10
        && d.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    ok.then_some(d)
}

fn build(people: &People, nodes: Nodes) -> (Vec<Node>, Vec<Edge>) {
    let mut out: Vec<Node> = Vec::new();
    let mut account_node: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &people.contacts {
        match nodes {
            Nodes::Persons => {
                let platforms: BTreeSet<&str> =
                    c.accounts.iter().map(|a| a.platform.as_str()).collect();
                let handles: Vec<String> = c
                    .accounts
                    .iter()
                    .filter_map(|a| a.handle.as_ref().map(|h| format!("{}:{h}", a.platform)))
                    .collect();
                let i = out.len();
                out.push(Node {
                    id: c.person.id.clone(),
                    label: c.person.name.clone().unwrap_or_else(|| c.person.id.clone()),
                    platforms: platforms.into_iter().collect::<Vec<_>>().join(","),
                    handles: handles.join(","),
                    owner: c.person.is_owner,
                    start: None,
                });
                for a in &c.accounts {
                    account_node.insert(a.id.as_str(), i);
                }
            }
            Nodes::Accounts => {
                for a in &c.accounts {
                    let i = out.len();
                    out.push(Node {
                        id: a.id.clone(),
                        label: a
                            .display_name
                            .clone()
                            .or_else(|| a.handle.clone())
                            .unwrap_or_else(|| a.id.clone()),
                        platforms: a.platform.clone(),
                        handles: a.handle.clone().unwrap_or_default(),
                        owner: a.is_owner,
                        start: None,
                    });
                    account_node.insert(a.id.as_str(), i);
                }
            }
        }
    }
    let mut edges = Vec::new();
    for r in &people.relationships {
        let (Some(&s), Some(&t)) = (
            account_node.get(r.from_account.as_str()),
            account_node.get(r.to_account.as_str()),
        ) else {
            continue;
        };
        edges.push(Edge {
            source: s,
            target: t,
            kind: r.kind.clone(),
            platform: r.platform.clone(),
            start: date(r.started_at.as_deref()),
            end: date(r.ended_at.as_deref())
                .filter(|e| date(r.started_at.as_deref()).is_none_or(|s| s <= *e)),
        });
    }
    // Only nodes with a tie are drawn (everyone ever mentioned would be noise); a node
    // appears on the timeline from its first dated tie, when all its ties are dated.
    let mut used = vec![false; out.len()];
    let mut first: Vec<Option<String>> = vec![None; out.len()];
    let mut undated = vec![false; out.len()];
    for e in &edges {
        for n in [e.source, e.target] {
            used[n] = true;
            match &e.start {
                Some(s) if first[n].as_ref().is_none_or(|f| s < f) => first[n] = Some(s.clone()),
                Some(_) => {}
                None => undated[n] = true,
            }
        }
    }
    for (i, n) in out.iter_mut().enumerate() {
        if !undated[i] {
            n.start = first[i].take();
        }
        used[i] |= n.owner;
    }
    let mut renumber = vec![usize::MAX; out.len()];
    let mut kept = Vec::new();
    for (i, n) in out.into_iter().enumerate() {
        if used[i] {
            renumber[i] = kept.len();
            kept.push(n);
        }
    }
    for e in &mut edges {
        e.source = renumber[e.source];
        e.target = renumber[e.target];
    }
    (kept, edges)
}

/// Writes the graph in `format` to `out`.
pub fn write_graph(
    people: &People,
    out: &mut dyn Write,
    format: Format,
    nodes: Nodes,
) -> Result<PeopleReport, std::io::Error> {
    let (ns, es) = build(people, nodes);
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    match format {
        Format::Gexf => write_gexf(&mut w, &ns, &es, people.revised.as_deref())?,
        Format::Graphml => write_graphml(&mut w, &ns, &es)?,
    }
    w.flush()?;
    Ok(PeopleReport {
        records: ns.len(),
        edges: es.len(),
        skipped: 0,
        summary: format!(
            "{} nodes ({}) and {} edges ({}).\n{NOTICE}\n",
            ns.len(),
            match nodes {
                Nodes::Persons => "persons",
                Nodes::Accounts => "accounts",
            },
            es.len(),
            match format {
                Format::Gexf => "GEXF 1.3, dynamic",
                Format::Graphml => "GraphML",
            }
        ),
    })
}

fn write_gexf(
    w: &mut dyn Write,
    nodes: &[Node],
    edges: &[Edge],
    revised: Option<&str>,
) -> std::io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    match date(revised) {
        Some(d) => writeln!(w, r#"  <meta lastmodifieddate="{d}">"#)?,
        None => writeln!(w, "  <meta>")?,
    }
    writeln!(w, "    <creator>freehold</creator>")?;
    writeln!(
        w,
        "    <description>The owner's social network across platforms (private: other people's data)</description>"
    )?;
    writeln!(w, "  </meta>")?;
    writeln!(
        w,
        r#"  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">"#
    )?;
    writeln!(w, r#"    <attributes class="node" mode="static">"#)?;
    writeln!(
        w,
        r#"      <attribute id="platforms" title="platforms" type="string"/>"#
    )?;
    writeln!(
        w,
        r#"      <attribute id="handles" title="handles" type="string"/>"#
    )?;
    writeln!(
        w,
        r#"      <attribute id="owner" title="owner" type="boolean"/>"#
    )?;
    writeln!(w, "    </attributes>")?;
    writeln!(w, r#"    <attributes class="edge" mode="static">"#)?;
    writeln!(
        w,
        r#"      <attribute id="relationship" title="relationship" type="string"/>"#
    )?;
    writeln!(
        w,
        r#"      <attribute id="platform" title="platform" type="string"/>"#
    )?;
    writeln!(w, "    </attributes>")?;
    writeln!(w, r#"    <nodes count="{}">"#, nodes.len())?;
    for n in nodes {
        write!(
            w,
            r#"      <node id="{}" label="{}""#,
            xml_escape(&n.id),
            xml_escape(&n.label)
        )?;
        if let Some(s) = &n.start {
            write!(w, r#" start="{s}""#)?;
        }
        writeln!(w, ">")?;
        writeln!(
            w,
            r#"        <attvalues><attvalue for="platforms" value="{}"/><attvalue for="handles" value="{}"/><attvalue for="owner" value="{}"/></attvalues>"#,
            xml_escape(&n.platforms),
            xml_escape(&n.handles),
            n.owner
        )?;
        writeln!(w, "      </node>")?;
    }
    writeln!(w, "    </nodes>")?;
    writeln!(w, r#"    <edges count="{}">"#, edges.len())?;
    for (i, e) in edges.iter().enumerate() {
        write!(
            w,
            r#"      <edge id="e{i}" source="{}" target="{}" label="{}""#,
            xml_escape(&nodes[e.source].id),
            xml_escape(&nodes[e.target].id),
            xml_escape(&e.kind)
        )?;
        if let Some(s) = &e.start {
            write!(w, r#" start="{s}""#)?;
        }
        if let Some(s) = &e.end {
            write!(w, r#" end="{s}""#)?;
        }
        writeln!(
            w,
            r#"><attvalues><attvalue for="relationship" value="{}"/><attvalue for="platform" value="{}"/></attvalues></edge>"#,
            xml_escape(&e.kind),
            xml_escape(&e.platform)
        )?;
    }
    writeln!(w, "    </edges>")?;
    writeln!(w, "  </graph>")?;
    writeln!(w, "</gexf>")?;
    Ok(())
}

fn write_graphml(w: &mut dyn Write, nodes: &[Node], edges: &[Edge]) -> std::io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, on, name, ty) in [
        ("d0", "node", "label", "string"),
        ("d1", "node", "freehold_id", "string"),
        ("d2", "node", "platforms", "string"),
        ("d3", "node", "handles", "string"),
        ("d4", "node", "owner", "boolean"),
        ("d5", "node", "start", "string"),
        ("d6", "edge", "relationship", "string"),
        ("d7", "edge", "platform", "string"),
        ("d8", "edge", "start", "string"),
        ("d9", "edge", "end", "string"),
    ] {
        writeln!(
            w,
            r#"  <key id="{id}" for="{on}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(w, r#"  <graph id="G" edgedefault="directed">"#)?;
    for (i, n) in nodes.iter().enumerate() {
        write!(
            w,
            r#"    <node id="n{i}"><data key="d0">{}</data><data key="d1">{}</data><data key="d2">{}</data><data key="d3">{}</data><data key="d4">{}</data>"#,
            xml_escape(&n.label),
            xml_escape(&n.id),
            xml_escape(&n.platforms),
            xml_escape(&n.handles),
            n.owner
        )?;
        if let Some(s) = &n.start {
            write!(w, r#"<data key="d5">{s}</data>"#)?;
        }
        writeln!(w, "</node>")?;
    }
    for (i, e) in edges.iter().enumerate() {
        write!(
            w,
            r#"    <edge id="e{i}" source="n{}" target="n{}"><data key="d6">{}</data><data key="d7">{}</data>"#,
            e.source,
            e.target,
            xml_escape(&e.kind),
            xml_escape(&e.platform)
        )?;
        if let Some(s) = &e.start {
            write!(w, r#"<data key="d8">{s}</data>"#)?;
        }
        if let Some(s) = &e.end {
            write!(w, r#"<data key="d9">{s}</data>"#)?;
        }
        writeln!(w, "</edge>")?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
    Ok(())
}
