#!/usr/bin/env bash
# Imports the same X archive with twitter-to-sqlite (installed in a throwaway virtualenv)
# and with freehold, and prints wall time, peak RSS and tweets imported side by side.
#
# usage: scripts/compare-twitter-to-sqlite.sh [TWEETS] [SEED]
#
# The archive is written by freehold-gen (crates/bench) as one zip in the 2020-2022 era
# (data/tweet.js, window.YTD.tweet.partN: the names twitter-to-sqlite reads), with
# data/manifest.js, which twitter-to-sqlite ignores. All tweets go into the one
# data/tweet.js (--part-mb 1000000): twitter-to-sqlite skips data/tweet-part1.js ("not yet
# implemented"), so with X's ~100 MB parts it would import fewer tweets and do less work
# than freehold. Needs cargo, and python3 with venv
# and pip reaching PyPI. Time and memory are measured by a small Python wrapper
# (time.perf_counter around subprocess.run, and getrusage(RUSAGE_CHILDREN).ru_maxrss),
# so GNU time is not needed.
set -euo pipefail
cd "$(dirname "$0")/.."
tweets=${1:-100000}
seed=${2:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet -p freehold -p freehold-bench
target/release/freehold-gen twitter "$work/archive.zip" --size "$tweets" --seed "$seed" \
    --era singular --part-mb 1000000 --zip > "$work/gen.txt"
zip_mb=$(python3 -c 'import os, sys; print(f"{os.path.getsize(sys.argv[1]) / 1e6:.1f}")' "$work/archive.zip")
echo "archive: $tweets tweets (seed $seed) in one data/tweet.js, $zip_mb MB zipped"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet twitter-to-sqlite

# Runs a command with its output to $work/<name>.out; prints "seconds peak-RSS-KiB".
# One Python process per command, so RUSAGE_CHILDREN sees only that command.
measure() {
    local name=$1
    shift
    python3 - "$work/$name.out" "$@" <<'PY'
import resource, subprocess, sys, time

log, cmd = sys.argv[1], sys.argv[2:]
with open(log, "wb") as out:
    started = time.perf_counter()
    done = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
if done.returncode != 0:
    sys.stderr.write(open(log, encoding="utf-8", errors="replace").read())
    sys.exit(f"{cmd[0]} failed with exit code {done.returncode}")
# Linux reports ru_maxrss in KiB.
print(f"{seconds:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
}

read -r t2s_s t2s_kb < <(measure t2s "$work/venv/bin/twitter-to-sqlite" import "$work/t2s.db" "$work/archive.zip")
read -r fh_s fh_kb < <(measure freehold target/release/freehold import -q "$work/archive.zip" --db "$work/freehold.sqlite")

count() {
    python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(f"select count(*) from {sys.argv[2]}").fetchone()[0])' "$1" "$2"
}
t2s_tweets=$(count "$work/t2s.db" archive_tweet)
fh_tweets=$(count "$work/freehold.sqlite" posts)

printf '%-20s %10s %12s %10s\n' tool seconds 'peak RSS MB' tweets
printf '%-20s %10s %12d %10s\n' twitter-to-sqlite "$t2s_s" $((t2s_kb / 1024)) "$t2s_tweets"
printf '%-20s %10s %12d %10s\n' freehold "$fh_s" $((fh_kb / 1024)) "$fh_tweets"
python3 - "$t2s_s" "$fh_s" <<'PY'
import sys
t2s, freehold = float(sys.argv[1]), float(sys.argv[2])
if freehold > 0 and freehold <= t2s:
    print(f"freehold is {t2s / freehold:.1f}x faster")
elif t2s > 0:
    print(f"freehold is {freehold / t2s:.1f}x slower")
PY
