#!/usr/bin/env bash
# Installs what the build needs (the system SQLite headers), then analyses the bundled sample
# articles into Reports/ with the shipped lexicons. SOURCE_DATE_EPOCH pins the report's analysis
# date, so re-running it changes Reports/ only when the analysis changes.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! dpkg -s libsqlite3-dev >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libsqlite3-dev
fi

export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795910400}"
swift build -c release --product stance
.build/release/stance analyze samples --out Reports "$@"
echo "Report: Reports/report.md"
