#!/usr/bin/env python3
"""The house drawing: which crate uses which, and which module of a crate uses which.

    scripts/house.py --check      fail (exit 1) on a cycle between crates or between the
                                  modules of one crate, or when docs/architecture.md is
                                  not what --markdown writes
    scripts/house.py --markdown   write the drawing (Mermaid) and the module lists to stdout

Edges between modules come from the source: `use crate::a::…`, `crate::a::…` in code,
`use crate::{a, b::C}`, `super::a` and `super::{a, b}`, and `crate::Name` where `Name` is
re-exported by lib.rs (`pub use a::Name`). A child's use of its parent module (`super::X`
from `a/b.rs`) is not an edge: a parent and its children are one unit. Test modules
(`#[cfg(test)] mod tests`) and files under tests/, examples/ and benches/ are left out.
"""

import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CRATES = os.path.join(ROOT, "crates")
DOC = os.path.join(ROOT, "docs", "architecture.md")


def crate_dirs():
    for name in sorted(os.listdir(CRATES)):
        path = os.path.join(CRATES, name)
        if os.path.isfile(os.path.join(path, "Cargo.toml")) or name in ("cli", "freehold"):
            yield name, path


def package_of(name, path):
    """The package name and its freehold dependencies (from Cargo.toml)."""
    manifest = os.path.join(path, "Cargo.toml")
    if not os.path.isfile(manifest):
        # The root package: the `freehold` library and its binary (crates/cli).
        manifest = os.path.join(ROOT, "Cargo.toml")
    text = open(manifest, encoding="utf-8").read()
    package = re.search(r'^name = "([^"]+)"', text, re.M).group(1)
    deps = text.split("[dependencies]", 1)[1].split("\n[", 1)[0] if "[dependencies]" in text else ""
    uses = sorted(set(re.findall(r"^(freehold-[a-z]+)", deps, re.M)))
    if name == "cli":
        package, uses = "freehold (bin)", sorted(set(uses) | {"freehold"})
    return package, uses


def modules(src):
    mods = {}
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if d not in ("tests", "examples", "benches", "bin")]
        for f in filenames:
            if not f.endswith(".rs"):
                continue
            path = os.path.join(dirpath, f)
            parts = os.path.relpath(path, src)[:-3].split(os.sep)
            if parts[-1] in ("mod", "lib", "main"):
                parts = parts[:-1]
            text = open(path, encoding="utf-8").read()
            text = re.split(r"#\[cfg\(test\)\]\s*mod tests", text)[0]
            # Comments (doc links among them) are not uses.
            text = re.sub(r"//[^\n]*", "", text)
            mods["::".join(parts) or "crate"] = text
    return mods


def brace_items(group):
    """`a, b::C, d::{e, f}` -> the first segment of each item."""
    depth, item, items = 0, "", []
    for ch in group:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            items.append(item)
            item = ""
        else:
            item += ch
    items.append(item)
    return [i.strip().split("::")[0].strip("{} ") for i in items if i.strip()]


def module_graph(mods):
    names = set(mods)
    root = mods.get("crate", "")
    # `pub use a::Name` / `pub use a::{X, Y}` in lib.rs: where a root name comes from.
    reexports = {}
    for module, items in re.findall(r"pub use ([a-z_]+)::\{([^}]*)\}", root):
        for item in items.split(","):
            item = item.strip().split(" as ")[-1].strip()
            if item:
                reexports[item] = module
    for module, item, alias in re.findall(r"pub use ([a-z_]+)::([A-Za-z_0-9]+)(?: as ([A-Za-z_0-9]+))?;", root):
        reexports[alias or item] = module
    graph = {m: set() for m in mods}
    for m, text in mods.items():
        refs = re.findall(r"crate::([A-Za-z_][A-Za-z_0-9]*(?:::[a-z_][a-z_0-9]*)*)", text)
        for group in re.findall(r"crate::\{([^;]*?)\};", text, re.S):
            refs += brace_items(group)
        for ref in refs:
            segs = ref.split("::")
            if segs[0] in reexports and reexports[segs[0]] in names:
                segs = [reexports[segs[0]]]
            for i in range(len(segs), 0, -1):
                cand = "::".join(segs[:i])
                if cand in names and cand != m and not m.startswith(cand + "::"):
                    graph[m].add(cand)
                    break
        base = m.split("::")[:-1]
        supers = re.findall(r"super::([a-z_][a-z_0-9]*)", text)
        for group in re.findall(r"super::\{([^;]*?)\};", text, re.S):
            supers += brace_items(group)
        for ref in supers:
            cand = "::".join(base + [ref])
            if cand in names and cand != m:
                graph[m].add(cand)
    return graph


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def survey():
    crates, problems = [], []
    for name, path in crate_dirs():
        package, uses = package_of(name, path)
        src = os.path.join(path, "src") if os.path.isdir(os.path.join(path, "src")) else path
        graph = module_graph(modules(src))
        for comp in cycles(graph):
            problems.append(f"crates/{name}: modules in a cycle: {', '.join(comp)}")
        crates.append((name, package, uses, graph))
    crate_graph = {package: set(uses) for _, package, uses, _ in crates}
    for package in list(crate_graph):
        crate_graph[package] &= set(crate_graph)
    for comp in cycles(crate_graph):
        problems.append(f"crates in a cycle: {', '.join(comp)}")
    return crates, problems


def markdown(crates):
    out = [
        "# Architecture",
        "",
        "Written by `scripts/house.py --markdown`; `.ci/run` fails when this page is out of",
        "date or when a crate, or a module inside a crate, is part of a cycle.",
        "",
        "## Crates",
        "",
        "Each arrow points from a crate to one it uses.",
        "",
        "```mermaid",
        "graph BT",
    ]
    ids = {package: re.sub(r"[^a-z]+", "_", package).strip("_") for _, package, _, _ in crates}
    for _, package, uses, _ in crates:
        for dep in uses:
            if dep in ids:
                out.append(f'    {ids[package]}["{package}"] --> {ids[dep]}["{dep}"]')
    out += ["```", "", "## Modules", "",
            "Inside each crate, the modules each module uses (lib.rs and main.rs are `crate`).", ""]
    for name, package, _, graph in crates:
        out += [f"### {package} (`crates/{name}`)", ""]
        for m in sorted(graph):
            used = ", ".join(f"`{u}`" for u in sorted(graph[m])) or "—"
            out.append(f"- `{m}` → {used}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main():
    crates, problems = survey()
    if "--markdown" in sys.argv:
        sys.stdout.write(markdown(crates))
        return 0
    if "--check" in sys.argv:
        current = open(DOC, encoding="utf-8").read() if os.path.exists(DOC) else ""
        if current != markdown(crates):
            problems.append("docs/architecture.md is out of date: scripts/house.py --markdown > docs/architecture.md")
        for p in problems:
            print(f"house: {p}", file=sys.stderr)
        if not problems:
            print(f"house: {len(crates)} crates, no cycles, docs/architecture.md up to date")
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
