#!/usr/bin/env bash
# The site export against twitter-archive-parser's tweet-to-HTML step, on one archive,
# side by side, with the physical floor (the same files, same bytes, no rendering).
#
# usage: scripts/compare-site-to-twitter-archive-parser.sh PARSER_PY [WORKDIR]
#
#   PARSER_PY  parser.py of timhutton/twitter-archive-parser (a checkout of your own:
#              its code is not part of this repository)
#   WORKDIR    where the generated archive (tw100k: 100,000 tweets, pretty-printed as real
#              archives are), the database and the outputs go (kept; default: a temp dir)
#
# twitter-archive-parser's parse_tweets is called directly, without its network look-ups
# (no user look-up, no media download), as its main() would after the archive checks. It
# writes only monthly pages; freehold writes a page per post, monthly and yearly pages,
# a paginated timeline, the search index and two feeds. Needs python3 and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
parser=$(realpath "$1")
if [ $# -ge 2 ]; then work=$2; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
cargo build --release --quiet -p freehold -p freehold-bench
bin=$(pwd)/target/release

[ -d "$work/tw100k" ] || "$bin/freehold-gen" twitter "$work/tw100k" --size 100k --seed 1 > /dev/null
# twitter-archive-parser refuses an archive without a media folder (real ones have one).
mkdir -p "$work/tw100k/data/tweets_media"
if [ ! -s "$work/tw100k.sqlite" ]; then
    "$bin/freehold" import "$work/tw100k" --db "$work/tw100k.sqlite" --quiet
fi

measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/$label.out" 2>&1
    read -r secs kib < "$work/time.txt"
    printf '%-28s %8.2f s %8.1f MB\n' "$label" "$secs" "$(echo "$kib / 1024" | bc -l)"
}

run=$(date +%s%N)
measure "twitter-archive-parser" python3 - "$parser" "$work/tw100k" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("tap", sys.argv[1])
tap = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tap)
paths = tap.PathConfig(dir_archive=sys.argv[2])
username = tap.extract_username(paths)
html_template = "<!doctype html><html><head><meta charset=\"utf-8\"></head><body>{}</body></html>"
tap.parse_tweets(username, {}, html_template, paths)
PY
measure "freehold export --format site" "$bin/freehold" export --db "$work/tw100k.sqlite" --format site --out "$work/site-$run"
measure "floor (same files, no render)" "$bin/freehold-floor-write" "$work/site-$run" "$work/floor-$run"
cat "$work/floor (same files, no render).out" 2>/dev/null || true
ls "$work/site-$run/posts" | wc -l | xargs printf 'freehold wrote %s permalink pages\n'
rm -rf "$work/floor-$run"
