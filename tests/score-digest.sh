#!/usr/bin/env bash
# The sample digest: all 11 notices found and overall micro F1 >= 0.97.
set -uo pipefail
bin=$1 shared=$2
[ -d "$shared/fixtures" ] || { echo "no $shared: skipped"; exit 77; }
out=$(mktemp); trap 'rm -f "$out"' EXIT
"$bin" extract --format json "$shared/fixtures/digest-2019-08.txt" > "$out" || exit 1
"$shared/tools/score-extract" "$shared/fixtures/digest-2019-08.expected.json" "$out" --min-f1 0.97 || exit 1
python3 - "$out" <<'PY' || exit 1
import json, sys
n = len(json.load(open(sys.argv[1])))
print("notices found:", n)
sys.exit(0 if n == 11 else 1)
PY
