#!/usr/bin/env python3
"""Checks freehold's people exports with the programs people use to read them:
vobject parses every vCard (4.0 and 3.0) and names with diacritics and CJK round-trip;
the strict `vcard` validator accepts the 3.0 output; networkx reads the GEXF and the
GraphML with the same node and edge counts and attributes; lxml validates both against
the official XSDs in schemas/xsd/. Usage: check_people_consumers.py OUTDIR REPO"""
import csv, subprocess, sys
from pathlib import Path

import networkx as nx
import vobject
from lxml import etree

out, repo = Path(sys.argv[1]), Path(sys.argv[2])
failures = []

def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)

# vCard 4.0 and 3.0 with vobject.
for name in ["contacts-4.vcf", "contacts-3.vcf"]:
    text = (out / name).read_text(encoding="utf-8")
    cards = list(vobject.readComponents(text))
    check(len(cards) == text.count("BEGIN:VCARD") and len(cards) > 0,
          f"vobject parses all {len(cards)} cards of {name}")
    names = {c.fn.value for c in cards}
    check("王芳" in names, f"{name}: the CJK name 王芳 round-trips")
    check(any("Żółkiewski" in n or "Zolkiewski" in n for n in names), f"{name}: Łukasz Żółkiewski round-trips")
    check(any(n == "Daniëlle Bakker" for n in names), f"{name}: Daniëlle Bakker round-trips")
    jan = [c for c in cards if any(e.value == "jan.devries@example.com" for e in c.contents.get("email", []))]
    check(len(jan) == 1 and jan[0].org.value == ["Dijkstra Bouw"], f"{name}: Jan's card has his email and ORG")
    check(all(c.uid.value.startswith("urn:uuid:") for c in cards), f"{name}: every card has a UID")
    note = jan[0].note.value if jan else ""
    check("connected on LinkedIn on 2016-03-12" in note, f"{name}: NOTE unescapes to {note!r}")

# The strict validator, for 3.0. RFC 2426's grammar is written over octets (NON-ASCII =
# %x80-FF: every byte of a UTF-8 character), but the validator decodes the file as UTF-8
# and applies that range to code points, so it refuses any character beyond U+00FF (Ł, ż,
# 王). It is given the octet view the grammar describes: each byte of the file as one
# character. Every other rule (names, parameters, escaping, line folding, dates) applies
# unchanged.
octets = out / "contacts-3.octets.vcf"
octets.write_text((out / "contacts-3.vcf").read_bytes().decode("latin-1"), encoding="utf-8", newline="")
r = subprocess.run([str(Path(sys.executable).parent / "vcard"), str(octets)],
                   capture_output=True, text=True)
check(r.returncode == 0, "the vcard validator accepts the 3.0 output" + ("" if r.returncode == 0 else ": " + (r.stdout + r.stderr)[:2000]))

# Contact CSV.
with open(out / "google.csv", encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
check(len(rows) == len(list(vobject.readComponents((out / "contacts-4.vcf").read_text(encoding="utf-8")))),
      f"the Google CSV has one row per card ({len(rows)})")
check(all(r["First Name"] for r in rows), "every CSV row has a first name")

# Graphs: XSD and networkx.
class Local(etree.Resolver):
    def resolve(self, url, pubid, context):
        name = url.rsplit("/", 1)[-1]
        for folder in ["gexf-1.3", "graphml-1.0"]:
            p = repo / "schemas" / "xsd" / folder / name
            if p.exists():
                return self.resolve_filename(str(p), context)
        return None

def schema(path):
    parser = etree.XMLParser()
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(path), parser))

gexf_xsd = schema(repo / "schemas/xsd/gexf-1.3/gexf.xsd")
graphml_xsd = schema(repo / "schemas/xsd/graphml-1.0/graphml-attributes.xsd")
for stem in ["graph", "accounts"]:
    g_path, m_path = out / f"{stem}.gexf", out / f"{stem}.graphml"
    for path, xsd in [(g_path, gexf_xsd), (m_path, graphml_xsd)]:
        doc = etree.parse(str(path))
        ok = xsd.validate(doc)
        check(ok, f"{path.name} validates against its XSD" + ("" if ok else ": " + str(xsd.error_log)[:2000]))
    xml_nodes = etree.parse(str(g_path)).getroot().findall(".//{http://gexf.net/1.3}node")
    xml_edges = etree.parse(str(g_path)).getroot().findall(".//{http://gexf.net/1.3}edge")
    g = nx.read_gexf(str(g_path))
    m = nx.read_graphml(str(m_path))
    check(g.number_of_nodes() == len(xml_nodes) == m.number_of_nodes(),
          f"{stem}: networkx reads {g.number_of_nodes()} GEXF nodes and {m.number_of_nodes()} GraphML nodes ({len(xml_nodes)} written)")
    check(g.number_of_edges() == len(xml_edges) == m.number_of_edges(),
          f"{stem}: networkx reads {g.number_of_edges()} GEXF edges and {m.number_of_edges()} GraphML edges ({len(xml_edges)} written)")
    labels_g = sorted(d.get("label", "") for _, d in g.nodes(data=True))
    labels_m = sorted(d.get("label", "") for _, d in m.nodes(data=True))
    check(labels_g == labels_m, f"{stem}: the same node labels in both")
    kinds_g = sorted(d.get("relationship", "") for *_, d in g.edges(data=True))
    kinds_m = sorted(d.get("relationship", "") for *_, d in m.edges(data=True))
    check(kinds_g == kinds_m and all(kinds_g), f"{stem}: the same edge kinds in both")
    platforms = {d.get("platforms") for _, d in g.nodes(data=True)}
    check(any(p and "," in p for p in platforms) or stem == "accounts", f"{stem}: a node spans platforms")
    dated = [d for *_, d in g.edges(data=True) if d.get("start")]
    check(len(dated) > 0, f"{stem}: {len(dated)} edges carry a start date")

if failures:
    print(f"{len(failures)} consumer checks failed", file=sys.stderr)
    sys.exit(1)
print("all consumer checks passed")
