#!/usr/bin/env bash
# Checks the people exports (vCard, contact CSV, GEXF, GraphML) with real consumers:
# Python's vobject and vcard, networkx and lxml (against schemas/xsd/). Installs them with
# pip into a virtual environment (FREEHOLD_PYENV, default target/consumers-venv); as root,
# installs python3-venv with apt if venv is missing. Fails loudly when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${FREEHOLD_PYENV:-target/consumers-venv}
if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" 2>/dev/null; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get update -qq && apt-get install -y -qq python3-venv python3-pip
            python3 -m venv "$venv"
        else
            echo "check-people-consumers: python3 -m venv failed (install python3-venv)" >&2
            exit 1
        fi
    fi
fi
"$venv/bin/pip" install -q --disable-pip-version-check vobject vcard networkx lxml
cargo build -q --bin freehold
bin=target/debug/freehold
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/people.sqlite"
for a in twitter-2024 facebook-2024 linkedin-2023 hyves-api; do
    "$bin" import "fixtures/people/$a" --db "$db" --quiet
done
"$bin" export --db "$db" --format vcard --out "$work/contacts-4.vcf" 2>/dev/null
"$bin" export --db "$db" --format vcard --vcard-version 3.0 --out "$work/contacts-3.vcf" 2>/dev/null
"$bin" export --db "$db" --format contacts-csv --out "$work/google.csv" 2>/dev/null
"$bin" export --db "$db" --format gexf --out "$work/graph.gexf" 2>/dev/null
"$bin" export --db "$db" --format graphml --out "$work/graph.graphml" 2>/dev/null
"$bin" export --db "$db" --format gexf --nodes accounts --out "$work/accounts.gexf" 2>/dev/null
"$bin" export --db "$db" --format graphml --nodes accounts --out "$work/accounts.graphml" 2>/dev/null
"$venv/bin/python" scripts/check_people_consumers.py "$work" "$PWD"
