#!/usr/bin/env bash
# Imports VADER's own lexicon (vader_lexicon.txt from the vaderSentiment package on PyPI) into a
# copy of Lexicons/ with `stance lexicon import --from vader`, prints what was imported and skipped,
# checks that the copy still loads (`stance lexicon check`: 0 errors) and that an imported word
# changes a stance. Nothing in the repository changes: everything happens in a temporary folder
# (kept with KEEP=DIR, which receives the extended lexicon folder).
#
#   scripts/import-vader.sh                 # vaderSentiment 3.3.2
#   VADER_VERSION=3.3.2 KEEP=/tmp/vader-lexicons scripts/import-vader.sh
set -euo pipefail
cd "$(dirname "$0")/.."

VADER_VERSION="${VADER_VERSION:-3.3.2}"
STANCE="${STANCE:-.build/debug/stance}"
if [ ! -x "$STANCE" ]; then swift build --product stance; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "vaderSentiment==$VADER_VERSION"
lexicon_file="$("$work/venv/bin/python" -c \
  'import os, vaderSentiment; print(os.path.join(os.path.dirname(vaderSentiment.__file__), "vader_lexicon.txt"))')"
[ -f "$lexicon_file" ] || { echo "no vader_lexicon.txt in vaderSentiment $VADER_VERSION" >&2; exit 2; }
echo "VADER lexicon: vaderSentiment $VADER_VERSION, $(grep -c . "$lexicon_file") lines"

cp -R Lexicons "$work/lexicons"
before="$(grep -vc '^#' "$work/lexicons/stance/polarity.tsv")"
"$STANCE" lexicon import "$lexicon_file" --from vader --out "$work/lexicons" 2>"$work/import.log"
after="$(grep -v '^#' "$work/lexicons/stance/polarity.tsv" | grep -c .)"
echo "$(tail -n 1 "$work/import.log")"
echo "warnings by code:"
grep -o '\[I00[0-9]\]' "$work/import.log" | sort | uniq -c | sed 's/^/  /'
echo "examples:"
for code in I001 I002 I004 I006 I007; do grep -m 1 "\[$code\]" "$work/import.log" | sed 's/^/  /' || true; done
echo "stance/polarity.tsv: $((before - 1)) entries before, $((after - 1)) after"

check="$("$STANCE" lexicon check "$work/lexicons" 2>&1 >/dev/null | tail -n 1)"
echo "stance lexicon check: $check"
case "$check" in "0 errors"*) ;; *) echo "the imported lexicons do not load" >&2; exit 1 ;; esac

sentence="Dana Ellison's plan is horrendous."
plain="$("$STANCE" classify "$sentence" --target "Dana Ellison" --lexicons Lexicons)"
imported="$("$STANCE" classify "$sentence" --target "Dana Ellison" --lexicons "$work/lexicons")"
echo "classify \"$sentence\" --target \"Dana Ellison\":"
echo "  shipped lexicons: $plain"
echo "  with VADER:       $imported"

if [ -n "${KEEP:-}" ]; then
  rm -rf "$KEEP" && cp -R "$work/lexicons" "$KEEP" && echo "kept the extended lexicon folder in $KEEP"
fi
