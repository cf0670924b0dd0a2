#!/usr/bin/env bash
# The publishing exits checked by their real consumers (issue 16):
# - WXR: read by php-cli's SimpleXML with the XPath rules of the WordPress importer's own
#   WXR_Parser_SimpleXML (scripts/exits/check-wxr.php, our code; the importer's code is not in
#   this repository). To run the importer's parser itself, set WXR_PARSER to its
#   src/parsers/class-wxr-parser-simplexml.php (from github.com/WordPress/wordpress-importer).
# - Markdown: built by hugo (Debian's package) into a site with one page per post, no warnings.
# - ActivityStreams: every document expanded by pyld against the local W3C context
#   (tests/data/activitystreams/activitystreams.jsonld), no network; Mastodon's CSV header.
# Installs what is missing when run as root (as CI does): apt-get php-cli php-xml hugo, pip pyld.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need_apt=()
command -v php >/dev/null 2>&1 || need_apt+=(php-cli)
php -m 2>/dev/null | grep -qi '^simplexml$' || need_apt+=(php-xml)
command -v hugo >/dev/null 2>&1 || need_apt+=(hugo)
if ((${#need_apt[@]})); then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        echo "check-exits: install ${need_apt[*]} (as root: apt-get install -y ${need_apt[*]})" >&2
        exit 2
    fi
fi
python3 -c 'import pyld' 2>/dev/null || python3 -m pip install -q pyld

cargo build -q
bin="$root/target/debug/freehold"
work=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "check-exits: keeping $work" >&2
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
for a in twitter/ytd-data-2024 facebook/json-2024 linkedin/complete-2026 hyves/api-dump; do
    # json-2024 holds a truncated thread on purpose (exit 1).
    "$bin" import "fixtures/$a" --db "$work/db.sqlite" --media-dir "$work/media" --quiet || [ $? = 1 ]
done
common=(--db "$work/db.sqlite" --media-dir "$work/media" --include unknown-audience)

fail=0
say() { printf '%s\n' "$*" >&2; }

# WXR, split small so that several files are checked, each alone.
"$bin" export "${common[@]}" --format wxr --out "$work/wxr" --site-url https://example.org/import/ \
    --wxr-max-mib 1 2>"$work/wxr.log"
posts=$(sed -n 's/.*(\([0-9]*\) posts, \([0-9]*\) attachments, \([0-9]*\) comments.*/\1 \2 \3/p' "$work/wxr.log")
read -r want_posts want_att want_comments <<<"$posts"
totals=$(php scripts/exits/check-wxr.php "$work"/wxr/wordpress-*.xml) || fail=1
got=$(php -r '$t = json_decode(stream_get_contents(STDIN), true); echo $t["posts"], " ", $t["attachments"], " ", $t["comments"];' <<<"$totals")
if [ "$got" != "$want_posts $want_att $want_comments" ] || [ "$want_posts" -lt 10 ]; then
    say "WXR: SimpleXML read $got (posts attachments comments), the export wrote $want_posts $want_att $want_comments"
    fail=1
else
    say "WXR: SimpleXML read $got posts/attachments/comments: ok"
fi
if [ -n "${WXR_PARSER:-}" ]; then
    php scripts/exits/run-wxr-importer.php "$WXR_PARSER" "$work"/wxr/wordpress-*.xml || fail=1
fi

# Markdown into a Hugo site with minimal layouts.
"$bin" export "${common[@]}" --format markdown --out "$work/md" 2>"$work/md.log"
site="$work/hugo"
mkdir -p "$site/layouts/_default"
cp -r "$work/md/content" "$site/content"
printf 'baseURL = "https://example.org/"\ntitle = "check"\n' >"$site/hugo.toml"
printf '<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n' >"$site/layouts/_default/single.html"
printf '<html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n' >"$site/layouts/_default/list.html"
if ! hugo --source "$site" --destination "$work/public" >"$work/hugo.log" 2>&1; then
    cat "$work/hugo.log" >&2
    say "Markdown: hugo failed"
    fail=1
fi
if grep -Ei 'WARN|ERROR|front matter' "$work/hugo.log" >&2; then
    say "Markdown: hugo warned"
    fail=1
fi
pages=$(find "$work/md/content/posts" -name '*.md' | wc -l)
built=$(find "$work/public/posts" -mindepth 3 -name index.html | wc -l)
if [ "$pages" != "$built" ] || [ "$pages" -lt 10 ]; then
    say "Markdown: $pages posts but hugo built $built pages"
    fail=1
else
    say "Markdown: hugo built one page for each of $pages posts: ok"
fi
if grep -rl '<script' "$work/public/posts" >&2; then
    say "Markdown: archive text became a script"
    fail=1
fi

# ActivityStreams, with the graph.
"$bin" export "${common[@]}" --format activitystreams --include graph --out "$work/as" 2>"$work/as.log"
if python3 scripts/exits/check-activitystreams.py "$work/as" tests/data/activitystreams/activitystreams.jsonld >&2; then
    say "ActivityStreams: pyld expanded every document offline: ok"
else
    fail=1
fi

if [ "$fail" != 0 ]; then
    say "check-exits: FAILED"
    exit 1
fi
say "check-exits: all consumers read the exports"
