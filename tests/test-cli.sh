#!/usr/bin/env bash
# The zhengce tool end to end: options, exit codes, encodings, bad input.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # check NAME COND...
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
run() { # run EXPECTED_STATUS CMD... ; output in $tmp/out, $tmp/err
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  [ "$got" = "$want" ] || { echo "  exit $got, wanted $want: $*"; head -c 400 "$tmp/err"; return 1; }
}
has() { grep -q -- "$1" "$2"; }

notice='关于组织申报2024年度示范项目的通知
各有关单位：
请于2024年5月20日前报送材料。联系电话：010-68201234。
北京市科学技术委员会
2024年4月1日
'
printf '%s' "$notice" > "$tmp/n.txt"

check "version" run 0 "$bin" --version
check "version text" has "zhengce " "$tmp/out"
check "help" run 0 "$bin" --help
check "extract help" run 0 "$bin" extract --help
check "no command" run 2 "$bin"
check "unknown command" run 2 "$bin" frobnicate
check "bad format" run 2 "$bin" extract --format xml "$tmp/n.txt"
check "bad --today" run 2 "$bin" extract --today 2024-13-40 "$tmp/n.txt"
check "missing file" run 1 "$bin" extract "$tmp/nope.txt"
check "missing file named" has "nope.txt" "$tmp/err"

check "utf-8 file" run 0 "$bin" extract "$tmp/n.txt"
check "deadline" has '"deadline": "2024-05-20"' "$tmp/out"
check "phone" has '"010-68201234"' "$tmp/out"
check "stdin" run 0 sh -c "printf '%s' \"\$1\" | \"\$2\" extract --format jsonl -" sh "$notice" "$bin"
check "stdin one notice" test "$(wc -l <"$tmp/out")" = 1
check "bom" run 0 sh -c "{ printf '\357\273\277'; cat \"\$1\"; } > \"\$2/bom.txt\" && \"\$3\" extract -f jsonl \"\$2/bom.txt\"" sh "$tmp/n.txt" "$tmp" "$bin"
check "bom title" has '"title":"关于组织申报2024年度示范项目的通知"' "$tmp/out"
check "gb18030" run 0 sh -c "iconv -f UTF-8 -t GB18030 \"\$1\" > \"\$2/gbk.txt\" && \"\$3\" extract -f jsonl \"\$2/gbk.txt\"" sh "$tmp/n.txt" "$tmp" "$bin"
check "gb18030 title" has '"title":"关于组织申报2024年度示范项目的通知"' "$tmp/out"
check "utf-16" run 0 sh -c "{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE \"\$1\"; } > \"\$2/u16.txt\" && \"\$3\" extract -f jsonl \"\$2/u16.txt\"" sh "$tmp/n.txt" "$tmp" "$bin"
check "utf-16 deadline" has '"deadline":"2024-05-20"' "$tmp/out"
# A GBK page that claims to be UTF-8 is read as GB18030.
check "mislabelled gbk" run 0 sh -c "{ printf '<html><head><meta charset=\"utf-8\"></head><body><p>'; iconv -f UTF-8 -t GB18030 \"\$1\"; printf '</p></body></html>'; } > \"\$2/lie.html\" && \"\$3\" extract -f jsonl \"\$2/lie.html\"" sh "$tmp/n.txt" "$tmp" "$bin"
check "mislabelled gbk text" has '示范项目' "$tmp/out"

# Truncated UTF-8: an error naming the byte offset; --lenient: a warning.
{ printf '%s' "$notice"; printf '\344\270'; } > "$tmp/trunc.txt"
size=$(($(wc -c <"$tmp/trunc.txt") - 2))
check "truncated utf-8" run 1 "$bin" extract "$tmp/trunc.txt"
check "truncated offset" has "byte offset $size" "$tmp/err"
check "lenient" run 0 "$bin" extract --lenient "$tmp/trunc.txt"
check "lenient warns" has "warning" "$tmp/err"
check "lenient keeps notice" has "2024-05-20" "$tmp/out"

# A short GBK text whose bytes happen to be valid two-byte UTF-8 is read as GBK.
printf '\315\250\326\252' > "$tmp/short-gbk.txt"  # 通知 in GBK
check "short gbk" run 0 "$bin" extract -f jsonl "$tmp/short-gbk.txt"
check "short gbk text" has '通知' "$tmp/out"
check "impossible --today" run 2 "$bin" extract --today 2023-02-30 "$tmp/n.txt"
mkdir -p "$tmp/dangling"; ln -s "$tmp/nowhere" "$tmp/dangling/x.txt"
check "unreadable file in a directory" run 1 "$bin" extract "$tmp/dangling"

check "empty file" run 0 "$bin" extract /dev/null
check "empty is []" test "$(tr -d ' \n' <"$tmp/out")" = "[]"
head -c 3000 /dev/urandom > "$tmp/bin.dat"; printf '\0\0\0\0' >> "$tmp/bin.dat"
check "binary" run 1 "$bin" extract "$tmp/bin.dat"
check "binary said" has "binary\|invalid" "$tmp/err"

mkdir -p "$tmp/dir/sub"; cp "$tmp/n.txt" "$tmp/dir/a.txt"; cp "$tmp/n.txt" "$tmp/dir/sub/b.txt"
check "directory" run 0 "$bin" extract -f jsonl "$tmp/dir"
check "directory recursive" test "$(wc -l <"$tmp/out")" = 2
check "table" run 0 env NO_COLOR=1 "$bin" extract -f table "$tmp/n.txt"
check "table has deadline" has "截止  2024-05-20" "$tmp/out"
check "no colour codes" sh -c "! grep -q \$'\\033' \"\$1\"" sh "$tmp/out"
if [ -w /dev/full ]; then
  check "write error" run 3 sh -c "\"\$1\" extract \"\$2\" > /dev/full" sh "$bin" "$tmp/n.txt"
fi
check "samples" run 0 "$bin" extract -f jsonl "$here/../data/samples"
check "samples found" test "$(wc -l <"$tmp/out")" -ge 3

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
