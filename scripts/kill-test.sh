#!/usr/bin/env bash
# Crash safety (issue 12): SIGKILLs `stance analyze` at seeded random moments; after each kill the
# database must pass `PRAGMA integrity_check`, and a re-run must end with the same tables and stored
# documents as an uninterrupted run. See scripts/kill_test.py for what is compared.
#
# usage: scripts/kill-test.sh [SEED] [KILLS] [options of kill_test.py: --articles N --release --scratch DIR]
#   SEED   default: a random one (printed, so that a failure can be replayed); KILLS default 20.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
exec python3 "$HERE/kill_test.py" "$@"
