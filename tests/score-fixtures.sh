#!/usr/bin/env bash
# Score zhengce on this project's own fixtures (tests/data/extract): each
# NNN-name.{txt,html} beside NNN-name.expected.json, all scored together
# with the shared scorer. usage: score-fixtures.sh ZHENGCE SCORER [--min-f1 X] [--verbose]
set -uo pipefail
bin=$1 scorer=$2; shift 2
min=() verbose=0
while [ $# -gt 0 ]; do
  case $1 in
    --min-f1) min=(--min-f1 "$2"); shift 2 ;;
    --verbose) verbose=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$scorer" ] || { echo "no scorer at $scorer: skipped"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pairs=()
for exp in "$here"/data/extract/*.expected.json; do
  base=${exp%.expected.json}
  input=
  for ext in txt html; do [ -f "$base.$ext" ] && input=$base.$ext; done
  [ -n "$input" ] || { echo "no input for $exp" >&2; exit 2; }
  out=$tmp/$(basename "$base").json
  timeout 20 "$bin" extract --quiet --format json "$input" > "$out" 2>"$out.err" || {
    echo "extract failed on $input: $(head -c 300 "$out.err")" >&2; echo '[]' > "$out"; }
  pairs+=("$exp" "$out")
done
if [ $verbose = 1 ]; then
  "$scorer" "${pairs[@]}" "${min[@]}"
else
  "$scorer" "${pairs[@]}" "${min[@]}" --quiet
fi
