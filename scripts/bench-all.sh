#!/usr/bin/env bash
# Generates the standard benchmark archives and imports each one with freehold-e2e (as
# `freehold import` would), then prints one summary table.
#
# usage: scripts/bench-all.sh [WORKDIR]
#
#   tw100k   Twitter/X, 100,000 tweets            (with --floor: inflate + bare parse + bare insert)
#   tw400k   Twitter/X, 400,000 tweets            (4x the data: peak memory should stay flat)
#   fb1m     Facebook, 1,000,000 messages in 5,000 threads
#   li100k   LinkedIn, 100,000 connections
#   hy20k    Hyves, 20,000 friends
#
# Archives are generated with seed 1 into WORKDIR (kept, and reused when already there:
# generation is deterministic) or into a temporary folder that is deleted at the end.
# Each import goes to a fresh database that is deleted afterwards. The per-archive JSON
# objects are written next to the archives as <name>.json. Needs cargo and python3.
# Expect about two minutes and ~1.5 GB of disk on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
    work=$1
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

cargo build --release --quiet -p freehold-bench
gen=target/release/freehold-gen
e2e=target/release/freehold-e2e

# name, platform, size, extra generator flags
archives=(
    "tw100k twitter 100000"
    "tw400k twitter 400000"
    "fb1m facebook 1000000 --threads 5000"
    "li100k linkedin 100000"
    "hy20k hyves 20000"
)

for line in "${archives[@]}"; do
    read -r name platform size extra <<< "$line"
    if [ ! -d "$work/$name" ]; then
        # shellcheck disable=SC2086 # $extra is a list of flags
        "$gen" "$platform" "$work/$name" --size "$size" --seed 1 $extra > "$work/$name.gen.txt"
    fi
    floor=()
    if [ "$name" = tw100k ]; then
        floor=(--floor)
    fi
    echo "== $name ($platform, size $size)"
    "$e2e" "$work/$name" --db "$work/$name.sqlite" "${floor[@]}" --json-out "$work/$name.json"
    echo
done

python3 - "$work" tw100k tw400k fb1m li100k hy20k <<'PY'
import json, os, sys

work, names = sys.argv[1], sys.argv[2:]
runs = {n: json.load(open(os.path.join(work, n + ".json"))) for n in names}
head = ("archive", "data MB", "records", "seconds", "records/s", "MB/s", "cores", "peak RSS MB", "floor s", "import/floor")
rows = []
for name, r in runs.items():
    floor = r.get("floor")
    rows.append((
        name,
        f"{r['data_bytes'] / 1e6:.1f}",
        f"{r['records']:,}",
        f"{r['seconds']:.2f}",
        f"{r['records_per_second']:,.0f}",
        f"{r['mb_per_second']:.1f}",
        f"{r['cpu_cores']:.1f}" if r.get("cpu_cores") is not None else "n/a",
        f"{r['peak_rss_bytes'] / 1e6:.0f}" if r.get("peak_rss_bytes") else "n/a",
        f"{floor['seconds']:.2f}" if floor else "",
        f"{floor['import_over_floor']:.2f}x" if floor else "",
    ))
widths = [max(len(str(c)) for c in col) for col in zip(head, *rows)]
for row in [head, *rows]:
    print("  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
small, large = runs.get("tw100k"), runs.get("tw400k")
if small and large and small.get("peak_rss_bytes") and large.get("peak_rss_bytes"):
    print(f"memory flatness: 4x the tweets, {large['peak_rss_bytes'] / small['peak_rss_bytes']:.2f}x the peak RSS "
          f"({small['peak_rss_bytes'] / 1e6:.0f} -> {large['peak_rss_bytes'] / 1e6:.0f} MB)")
PY
