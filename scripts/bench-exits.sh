#!/usr/bin/env bash
# Times each publishing exit on 100,000 published posts (the tw100k archive of
# freehold-gen, seed 1, imported once) and checks that a re-export is byte-identical.
#
# usage: scripts/bench-exits.sh [WORKDIR]     (needs cargo and GNU time at /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
    work=$1
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
cargo build --release --quiet -p freehold-bench -p freehold
bin=target/release/freehold
[ -d "$work/tw100k" ] || target/release/freehold-gen twitter "$work/tw100k" --size 100000 --seed 1 >/dev/null
[ -f "$work/tw100k.sqlite" ] || "$bin" import "$work/tw100k" --db "$work/tw100k.sqlite" --quiet
printf '%-28s %8s %10s\n' format seconds "peak RSS"
for spec in wxr markdown activitystreams "activitystreams --include graph" site; do
    read -r format extra <<<"$spec"
    name=${spec// /}
    for run in 1 2; do
        rm -rf "$work/out-$name-$run"
        # shellcheck disable=SC2086 # $extra is a list of flags
        /usr/bin/time -f "%e %M" -o "$work/time.txt" \
            "$bin" export --db "$work/tw100k.sqlite" --format "$format" $extra --out "$work/out-$name-$run" 2>/dev/null
        read -r secs kb <"$work/time.txt"
        printf '%-28s %8s %7d MB\n' "$spec" "$secs" $((kb / 1024))
    done
    diff -r -q "$work/out-$name-1" "$work/out-$name-2" >/dev/null && echo "  re-export byte-identical" || { echo "  re-export DIFFERS"; exit 1; }
    rm -rf "$work/out-$name-1" "$work/out-$name-2"
done
