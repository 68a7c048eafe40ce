#!/usr/bin/env bash
# The 40 real development notices: overall micro F1 >= 0.90.
set -uo pipefail
bin=$1 shared=$2
[ -d "$shared/fixtures/real" ] || { echo "no $shared: skipped"; exit 77; }
line=$("$shared/tools/score-real" "$bin" | tee /dev/stderr | tail -1)
python3 - "$line" <<'PY'
import re, sys
m = re.search(r"overall micro F1 ([0-9.]+)", sys.argv[1])
f1 = float(m.group(1)) if m else 0.0
print("F1", f1, "(bar 0.90)")
sys.exit(0 if f1 >= 0.90 else 1)
PY
