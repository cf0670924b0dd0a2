#!/usr/bin/env python3
"""Expands every ActivityStreams document of a freehold `activitystreams` export with pyld,
against the local copy of the W3C context (tests/data/activitystreams/activitystreams.jsonld)
and nothing else: any other remote document fails the check, as does a property that fell
into the context's blank-node `@vocab` ("_:"), which is how an undeclared term vanishes.
Also checks the Mastodon CSV headers and the outbox's shape.

Usage: check-activitystreams.py EXPORT_DIR CONTEXT_FILE
"""
import csv
import json
import re
import sys
from pathlib import Path

from pyld import jsonld

AS2 = "https://www.w3.org/ns/activitystreams"
PUBLIC = AS2 + "#Public"
FOLLOWS_HEADER = "Account address,Show boosts,Notify on new posts,Languages"


def main():
    out, context_file = Path(sys.argv[1]), Path(sys.argv[2])
    context = json.loads(context_file.read_text(encoding="utf-8"))

    def loader(url, options=None):
        if url.rstrip("/") in (AS2, AS2 + ".jsonld"):
            return {"contentType": "application/ld+json", "contextUrl": None,
                    "documentUrl": url, "document": context}
        raise jsonld.JsonLdError(f"remote document {url} is not available offline",
                                 "jsonld.LoadDocumentError", code="loading document failed")

    jsonld.set_document_loader(loader)
    problems = []

    def blank_keys(node, where):
        if isinstance(node, dict):
            for k, v in node.items():
                if k.startswith("_:"):
                    problems.append(f"{where}: the term behind {k} is not declared")
                blank_keys(v, where)
        elif isinstance(node, list):
            for v in node:
                blank_keys(v, where)

    docs = {}
    for name in ["outbox.json", "actor.json", "likes.json", "bookmarks.json"]:
        path = out / name
        if not path.exists():
            problems.append(f"{name} is missing")
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        docs[name] = doc
        expanded = jsonld.expand(doc, {"base": "https://archive.invalid/"})
        if not expanded:
            problems.append(f"{name}: expands to nothing")
        blank_keys(expanded, name)

    outbox = docs.get("outbox.json", {})
    items = outbox.get("orderedItems", [])
    if outbox.get("type") != "OrderedCollection" or outbox.get("totalItems") != len(items):
        problems.append("outbox.json: not an OrderedCollection with totalItems = its items")
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
    ids = set()
    counts = {"Create": 0, "Announce": 0}
    for a in items:
        counts[a.get("type")] = counts.get(a.get("type"), 0) + 1
        if a.get("type") not in ("Create", "Announce"):
            problems.append(f"outbox: activity type {a.get('type')}")
        if a.get("to") != [PUBLIC]:
            problems.append(f"outbox: {a.get('id')} is not addressed to as:Public")
        if "published" in a and not rfc3339.match(a["published"]):
            problems.append(f"outbox: {a.get('id')} published {a['published']!r}")
        if a.get("type") == "Create":
            note = a.get("object", {})
            if note.get("type") != "Note":
                problems.append(f"outbox: {a.get('id')} creates no Note")
            ids.add(note.get("id"))
            for att in note.get("attachment", []):
                if not (out / att["url"]).is_file():
                    problems.append(f"outbox: attachment {att['url']} is not in the archive")
    for a in items:
        reply = a.get("object", {}).get("inReplyTo") if a.get("type") == "Create" else None
        if reply and reply not in ids:
            problems.append(f"outbox: inReplyTo {reply} is not a note of the archive")

    follows = out / "following_accounts.csv"
    n_follows = 0
    if follows.exists():
        lines = follows.read_text(encoding="utf-8").splitlines()
        if not lines or lines[0] != FOLLOWS_HEADER:
            problems.append("following_accounts.csv: not Mastodon's header")
        for row in csv.reader(lines[1:]):
            n_follows += 1
            if not re.match(r"^[A-Za-z0-9_.-]+@[a-z0-9.-]+\.[a-z]{2,}$", row[0]) or row[1:3] != ["true", "false"]:
                problems.append(f"following_accounts.csv: bad row {row}")
    print(json.dumps({"activities": len(items), **counts, "follows": n_follows}))
    for p in problems:
        print("ActivityStreams:", p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
