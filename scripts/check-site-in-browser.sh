#!/usr/bin/env bash
# The static site, checked by its real consumer: headless Chromium (Debian's package,
# installed when missing; CI runs as root) opens the site built from the shipped
# fixtures of all four platforms from file://, runs its search script, and the
# resulting DOM must show the expected result. Exits non-zero on any failure.
#
# usage: scripts/check-site-in-browser.sh   (after `cargo build`)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "check-site-in-browser: chromium is not installed (apt-get install chromium)" >&2
        exit 1
    fi
fi

freehold=target/debug/freehold
[ -x "$freehold" ] || cargo build -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in twitter/ytd-data-2024 facebook/json-2024 linkedin/complete-2026 hyves/api-dump; do
    # json-2024 holds a truncated thread on purpose: exit 1 is expected there.
    "$freehold" import "fixtures/$f" --db "$work/db.sqlite" --media-dir "$work/media" --quiet || [ $? -eq 1 ]
done
"$freehold" export --db "$work/db.sqlite" --format site --out "$work/site" --media-dir "$work/media" 2>/dev/null

browse() {
    # The flags that keep Chromium from reaching for the network (none here).
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" --virtual-time-budget=3000 --dump-dom "$1" 2>/dev/null
}

fail=0
dom=$(browse "file://$work/site/search.html?q=poffertjes")
if grep -q 'href="posts/tw-post-1756258507827361375.html"' <<< "$dom" && grep -q '>1 post<' <<< "$dom"; then
    echo "ok: the search page, run by Chromium from file://, finds the one post"
else
    echo "FAILED: the search page did not find the post; its DOM:" >&2
    grep -A3 'id="count"' <<< "$dom" >&2 || true
    fail=1
fi
dom=$(browse "file://$work/site/search.html?q=zzznothing")
if grep -q '>0 posts<' <<< "$dom"; then
    echo "ok: a search for nothing finds nothing"
else
    echo "FAILED: a search for nothing did not say 0 posts" >&2
    fail=1
fi
dom=$(browse "file://$work/site/index.html")
articles=$(grep -o '<article class="post' <<< "$dom" | wc -l)
if [ "$articles" -gt 5 ]; then
    echo "ok: the home page shows $articles posts"
else
    echo "FAILED: the home page shows $articles posts" >&2
    fail=1
fi
exit $fail
