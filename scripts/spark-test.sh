#!/usr/bin/env bash
# A real Spark run (issue 13): PySpark from PyPI in local[2] mode pipes a corpus through
# `stance analyze --stdin-jsonl` (rdd.pipe), `stance merge` puts the part files together, and the
# result must be byte for byte what one `stance analyze` over the same corpus writes.
# Needs Java 17+ on PATH and PyPI; pyspark goes into .build-spark/venv (inside the clone).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)

venv="$root/.build-spark/venv"
if ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
  echo "== installing pyspark into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check pyspark
fi
java -version 2>&1 | head -1

echo "== building stance"
swift build 2>&1 | tail -1
binary="$(swift build --show-bin-path)/stance"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The shipped lexicons with the fixture topics, so that the test articles have stances to merge.
lexicons="$work/lexicons"
cp -R Lexicons "$lexicons"
rm -rf "$lexicons/topics"
cp -R Tests/Fixtures/topics "$lexicons/topics"
# The corpus: the fixture articles and the short articles of the test tables, one per line.
"$venv/bin/python" - "$work/articles.jsonl" <<'PY'
import glob, json, os, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for path in sorted(glob.glob("Tests/Fixtures/corpus/*/*.txt")):
        text = open(path, encoding="utf-8-sig", newline="").read()
        out.write(json.dumps({"id": os.path.relpath(path, "Tests/Fixtures/corpus"), "text": text}) + "\n")
    for table in ("attribution", "stance"):
        for line in open(f"Tests/Fixtures/cases/{table}.jsonl", encoding="utf-8"):
            case = json.loads(line)
            out.write(json.dumps({"id": f"{table}/{case['id']}.txt", "text": case["text"],
                                  "source": "cases", "date": "2026-01-15"}) + "\n")
PY
echo "articles: $(wc -l < "$work/articles.jsonl")"

export SOURCE_DATE_EPOCH=1795910400
echo "== one run over the whole corpus"
"$binary" analyze "$work/articles.jsonl" --out "$work/single" --lexicons "$lexicons"

echo "== Spark: local[2], rdd.pipe(\"stance analyze --stdin-jsonl\")"
SPARK_LOCAL_IP=127.0.0.1 "$venv/bin/python" scripts/spark_stance.py "$work/articles.jsonl" "$work/spark-out" "$binary" "$lexicons" 4
ls "$work/spark-out"
echo "== stance merge of the part files"
"$binary" merge "$work"/spark-out/part-* --out "$work/merged" --lexicons "$lexicons"

status=0
for file in statements.csv stances.csv positions.csv contrasts.csv speakers.csv allies.csv matrix.csv report.md; do
  if cmp -s "$work/single/$file" "$work/merged/$file"; then
    echo "identical: $file ($(wc -l < "$work/single/$file") lines)"
  else
    echo "DIFFERENT: $file"; diff "$work/single/$file" "$work/merged/$file" | head -20; status=1
  fi
done
run_id() { "$venv/bin/python" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT run_id FROM runs").fetchone()[0])' "$1"; }
run_single=$(run_id "$work/single/stance.sqlite")
run_merged=$(run_id "$work/merged/stance.sqlite")
echo "run id: single $run_single, merged $run_merged"
[ "$run_single" = "$run_merged" ] || status=1
echo "spark test: $([ $status -eq 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - started )) s"
exit $status
