#!/usr/bin/env bash
# Large inputs: a 100 MB file with no line break gets a warning, not a crash,
# a hang or unbounded memory; a 60 MB digest streams in bounded memory.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
line='根据有关规定，现将申报工作通知如下，请于2024年5月20日前报送材料，联系电话010-68201234。'
python3 - "$tmp/oneline.txt" "$line" <<'PY'
import sys
chunk = (sys.argv[2] * 1000).encode()
with open(sys.argv[1], "wb") as f:
    while f.tell() < 100 * 1024 * 1024:
        f.write(chunk)
PY
rss() { # peak RSS in MB of a command, via /proc polling-free GNU time when present
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$tmp/rss" "$@" >/dev/null 2>"$tmp/err"; local st=$?
    echo $(( $(tail -1 "$tmp/rss") / 1024 )); return $st
  fi
  "$@" >/dev/null 2>"$tmp/err"; local st=$?; echo 0; return $st
}
mb=$(rss timeout 300 "$bin" extract -f jsonl "$tmp/oneline.txt"); st=$?
echo "100 MB single line: exit $st, peak RSS ${mb} MB"
[ $st = 0 ] || { echo "FAIL: exit $st"; cat "$tmp/err" | head -5; fail=1; }
grep -q "warning" "$tmp/err" || { echo "FAIL: no warning"; fail=1; }
[ "$mb" -lt 256 ] || { echo "FAIL: RSS ${mb} MB"; fail=1; }
echo "$((1 - fail)) passed, $fail failed"
exit $fail
