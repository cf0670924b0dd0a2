#!/usr/bin/env bash
# Imports the same X archive with twitter-to-sqlite (in a throwaway virtualenv) and with
# freehold, and prints wall time and peak RSS side by side.
#
# usage: scripts/compare-twitter-to-sqlite.sh [TWEETS] [SEED]
# Needs python3 (with venv and pip reaching PyPI), zip-capable Python, GNU time at
# /usr/bin/time, and a release build of freehold (built here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
tweets=${1:-100000}
seed=${2:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
python3 scripts/gen-twitter-archive.py "$work/archive" "$tweets" "$seed"
# twitter-to-sqlite reads the 2019-2022 names: data/tweet.js, window.YTD.tweet.partN.
(
    cd "$work/archive/data"
    for f in tweets*.js; do
        new=${f/tweets/tweet}
        sed '1s/window\.YTD\.tweets\./window.YTD.tweet./' "$f" > "$new" && rm "$f"
    done
)
python3 - "$work/archive" "$work/archive.zip" <<'PY'
import os, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, names in os.walk(root):
        for n in names:
            p = os.path.join(base, n)
            z.write(p, os.path.relpath(p, root))
PY

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet twitter-to-sqlite

measure() {
    /usr/bin/time -f '%e %M' "$@" 2> "$work/time" > /dev/null
    tail -n 1 "$work/time"
}
read -r t2s_s t2s_kb < <(measure "$work/venv/bin/twitter-to-sqlite" import "$work/t2s.db" "$work/archive.zip")
read -r fh_s fh_kb < <(measure target/release/freehold import -q "$work/archive.zip" --db "$work/freehold.sqlite")
t2s_tweets=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from archive_tweet').fetchone()[0])" "$work/t2s.db")
fh_tweets=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from posts\").fetchone()[0])" "$work/freehold.sqlite")

printf '%-20s %10s %12s %10s\n' tool seconds 'peak RSS MB' tweets
printf '%-20s %10s %12d %10s\n' twitter-to-sqlite "$t2s_s" $((t2s_kb / 1024)) "$t2s_tweets"
printf '%-20s %10s %12d %10s\n' freehold "$fh_s" $((fh_kb / 1024)) "$fh_tweets"
python3 -c "import sys; print(f'freehold is {float(sys.argv[1]) / float(sys.argv[2]):.1f}x faster')" "$t2s_s" "$fh_s"
