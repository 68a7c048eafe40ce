#!/usr/bin/env bash
# Store and search end to end, through the zhengce tool: ingest (idempotent,
# versions, rollback of a bad file), search formats and exit codes, show,
# list, export, rm, stats; agreement with grep -F; kill -9 during an ingest
# then a re-run; readers while an ingest runs; corrupt and foreign files.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
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
hasnt() { ! grep -qi -- "$1" "$2"; }
jqv() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }

db=$tmp/z.db
export ZHENGCE_DB=$db
corpus=$tmp/corpus; mkdir -p "$corpus"
cp "$here"/data/extract/*.txt "$corpus"/
n_files=$(ls "$corpus" | wc -l)

# ---- ingest ----
check "ingest" run 0 "$bin" ingest -q -f json "$corpus"
added=$(jqv "$tmp/out" 'd["added"]')
# Some fixtures are variants of one notice (a title cut otherwise, a date typed
# otherwise): the second file's copy is the same notice, already stored.
seen=$(jqv "$tmp/out" 'd["added"] + d["unchanged"]')
check "ingest added" test "$added" -ge "$n_files"
check "ingest again" run 0 "$bin" ingest -f json "$corpus"
check "idempotent" test "$(jqv "$tmp/out" 'd["added"]')" = 0
check "all unchanged" test "$(jqv "$tmp/out" 'd["unchanged"]')" = "$seen"
check "stats" run 0 "$bin" stats -f json --check
check "stats count" test "$(jqv "$tmp/out" 'd["notices"]')" = "$added"
check "index size reported" test "$(jqv "$tmp/out" 'd["index_bytes"] > 0')" = True

# A changed file: a new version, history kept.
printf '关于版本测试的通知\n请于2024年3月1日前报送。\n某某局\n2024年2月1日\n' > "$tmp/v.txt"
check "ingest v1" run 0 "$bin" ingest -q -f json "$tmp/v.txt"
sed -i 's/3月1日/3月8日/' "$tmp/v.txt"
check "ingest v2" run 0 "$bin" ingest -q -f json "$tmp/v.txt"
check "updated" test "$(jqv "$tmp/out" 'd["updated"]')" = 1
# A copy of a stored notice that then changes: a notice of its own, the original stays.
cp "$corpus/001-"*.txt "$tmp/copy.txt"
check "ingest copy" run 0 "$bin" ingest -q -f json "$tmp/copy.txt"
check "copy unchanged" test "$(jqv "$tmp/out" 'd["unchanged"]')" -ge 1
sed -i '3s/$/另附版本甲乙丙。/' "$tmp/copy.txt"
check "ingest changed copy" run 0 "$bin" ingest -q -f json "$tmp/copy.txt"
check "changed copy added" test "$(jqv "$tmp/out" 'd["added"]')" -ge 1
check "changed copy again" run 0 "$bin" ingest -q -f json "$corpus" "$tmp/copy.txt"
check "nothing new" test "$(jqv "$tmp/out" 'd["added"] + d["updated"]')" = 0

# A file that cannot be read is rolled back whole, the others are stored.
printf '关于甲事项的通知\n请于2024年1月1日前报送。\n\xff\xfe\xfd\n' > "$tmp/bad.txt"
printf '关于乙事项的通知\n请于2024年2月1日前报送。\n' > "$tmp/good.txt"
check "bad file" run 1 "$bin" ingest -f json "$tmp/bad.txt" "$tmp/good.txt"
check "bad file named" has "bad.txt" "$tmp/err"
check "nothing from the bad file" run 0 "$bin" search -f json 甲事项
check "bad file rolled back" test "$(jqv "$tmp/out" 'd["total"]')" = 0
check "good file stored" run 0 "$bin" search -f json 乙事项
check "good file found" test "$(jqv "$tmp/out" 'd["total"]')" = 1

# A large file (more than two batches) is committed in batches as it is read:
# when it fails, the committed batches stay, and the message says so.
python3 - "$tmp/big.txt" <<'PY'
import sys
with open(sys.argv[1], 'wb') as f:
    for i in range(1, 31):
        f.write(('关于第%d号大文件试点项目的通知\n各有关单位：\n请于2024年6月%d日前报送。\n某某市工业和信息化局\n2024年5月1日\n\n' % (i, i % 28 + 1)).encode())
    f.write(b'\xff\xfe broken tail\n')
PY
check "big bad file" run 1 "$bin" ingest --batch 4 "$tmp/big.txt"
check "big bad file kept" has "its first [0-9]* notices stored" "$tmp/err"
kept=$(sed -n 's/.*its first \([0-9]*\) notices stored.*/\1/p' "$tmp/err")
check "big bad file kept count" run 0 "$bin" search -f json --no-facets 大文件试点
check "big bad file stored" test "$(jqv "$tmp/out" 'd["total"]')" = "$kept"
check "big bad file some kept" test "${kept:-0}" -ge 8

# ---- search ----
check "search json" run 0 "$bin" search -f json 高新技术企业
check "json shape" test "$(jqv "$tmp/out" 'sorted(d.keys())')" = "['facets', 'limit', 'offset', 'results', 'total']"
check "result shape" test "$(jqv "$tmp/out" 'all(k in d["results"][0] for k in ("id","title","snippet","highlights","deadline","issuers"))')" = True
check "snippet marks" test "$(jqv "$tmp/out" 'd["results"][0]["snippet"][d["results"][0]["highlights"][0][0]:][:6]')" = 高新技术企业
check "search table" run 0 "$bin" search -f table 高新技术企业
check "table header" has "共 " "$tmp/out"
check "table width" test "$(python3 -c 'import sys,unicodedata as u; print(max(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in open(sys.argv[1])))' "$tmp/out")" -le 80
check "search csv" run 0 "$bin" search -f csv 申报
check "csv bom" test "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" = efbbbf
check "search jsonl" run 0 "$bin" search -f jsonl -n 5 申报
check "jsonl lines" test "$(wc -l < "$tmp/out")" = 5
check "paging" run 0 "$bin" search -f json -n 3 --offset 3 申报
check "paging count" test "$(jqv "$tmp/out" 'len(d["results"])')" = 3
check "traditional query" run 0 "$bin" search -f json --no-facets 高新技術企業
t1=$(jqv "$tmp/out" 'd["total"]')
"$bin" search -f json --no-facets 高新技术企业 > "$tmp/simp.json"
check "traditional = simplified" test "$t1" = "$(jqv "$tmp/simp.json" 'd["total"]')"
check "bad query" run 2 "$bin" search '"未闭合'
check "bad query message" has "unclosed quote" "$tmp/err"
check "no SQL in errors" hasnt "sql\|fts5\|syntax error" "$tmp/err"
check "only negations" run 2 "$bin" search -- -公示
check "fts5 syntax is text" run 0 "$bin" search -f json 'NEAR(a b) x:y "z" ^w'
check "region filter" run 0 "$bin" search -f json -r 广东省 --no-facets 通知
check "region results" test "$(jqv "$tmp/out" 'd["total"] > 0')" = True
check "unknown region" run 2 "$bin" search -r 火星 通知
check "unknown region message" has "unknown region" "$tmp/err"
check "queries file" run 0 sh -c 'printf "申报\n\"未闭合\n企业\n" | "$1" search --queries - -n 2' sh "$bin"
check "queries lines" test "$(wc -l < "$tmp/out")" = 3
check "queries error line" has '"error"' "$tmp/out"
check "queries elapsed" has '"elapsed_ms"' "$tmp/out"

# grep -F agreement on simplified-only texts (traditional folding is checked in test-store.c).
"$bin" export -f jsonl > "$tmp/all.jsonl"
python3 - "$tmp/all.jsonl" "$tmp/texts" "$tmp/queries" <<'EOF'
import json, os, random, sys
src, d, qf = sys.argv[1:]
os.makedirs(d)
texts = []
for line in open(src, encoding='utf-8'):
    n = json.loads(line)
    t = (n['title'] or '') + '\n' + n['text']
    open(os.path.join(d, str(n['id'])), 'w', encoding='utf-8').write(t)
    texts.append(t)
random.seed(7)
qs = set()
while len(qs) < 300:
    t = random.choice(texts)
    k = random.randint(1, 6)
    i = random.randrange(0, max(1, len(t) - k))
    s = t[i:i + k]
    if s and '\n' not in s and '"' not in s and s.strip() == s and s.strip():
        qs.add(s)
open(qf, 'w', encoding='utf-8').write('\n'.join('"%s"' % q for q in sorted(qs)) + '\n')
EOF
"$bin" search --queries "$tmp/queries" -n 10000 --snippet 10 > "$tmp/answers"
mismatch=$(python3 - "$tmp/answers" "$tmp/texts" <<'EOF'
import json, subprocess, sys
bad = 0
trad = set()
for line in open(sys.argv[1], encoding='utf-8'):
    a = json.loads(line)
    q = a['query'][1:-1]
    got = sorted(r['id'] for r in a['results'])
    out = subprocess.run(['grep', '-rlF', '--', q, sys.argv[2]], capture_output=True, text=True).stdout
    want = sorted(int(p.rsplit('/', 1)[1]) for p in out.split())
    if got != want or a['total'] != len(want):
        # Only traditional-script notices may differ (folding finds them too).
        extra = set(got) - set(want)
        if set(want) - set(got) or not extra:
            bad += 1
            print('mismatch', q, len(got), len(want), file=sys.stderr)
print(bad)
EOF
)
check "grep -F agreement" test "$mismatch" = 0

# ---- show, list, export, rm ----
id=$(jqv "$tmp/simp.json" 'd["results"][0]["id"]')
check "show" run 0 "$bin" show -f json "$id"
check "show keys" test "$(jqv "$tmp/out" 'all(k in d for k in ("text","sources","versions","cites","cited_by","marks"))')" = True
docno=$(jqv "$tmp/out" 'd["doc_number"] or ""')
if [ -n "$docno" ]; then
  check "show by 文号" run 0 "$bin" show -f json "$docno"
  check "show by 文号 id" test "$(jqv "$tmp/out" 'd["id"]')" = "$id"
fi
check "show table" run 0 "$bin" show -f table "$id"
check "show missing" run 1 "$bin" show 999999
check "list open" run 0 "$bin" list -f json --open --today 2023-06-01 --deadline-within 30d
check "list window" test "$(jqv "$tmp/out" 'all("2023-06-01" <= r["deadline"] <= "2023-07-01" for r in d["results"]) and len(d["results"]) > 0')" = True
check "list sorted" test "$(jqv "$tmp/out" '[r["deadline"] for r in d["results"]] == sorted(r["deadline"] for r in d["results"])')" = True
check "within clashes with a range" run 2 "$bin" list --deadline-within 30d --deadline-from 2024-01-01
check "export jsonl" run 0 "$bin" export
total=$("$bin" stats -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)["notices"])')
check "export count" test "$(wc -l < "$tmp/out")" = "$total"
check "export has id" test "$(head -1 "$tmp/out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("id" in d and "text" in d and "dates" in d)')" = True
check "export csv" run 0 "$bin" export -f csv
check "export csv bom" test "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" = efbbbf
check "rm" run 0 "$bin" rm "$id"
check "rm gone" run 1 "$bin" show "$id"
check "rm missing" run 1 "$bin" rm "$id"
check "rm count" test "$("$bin" stats -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)["notices"])')" = $((total - 1))

# ---- profiles and matching ----
profiles=$here/../data/profiles
check "profile check" run 0 "$bin" profile check "$profiles"/kunming-software.json "$profiles"/tangshan-foundry.json
printf '{"name":"乙","credit_code":"91350100M000100Y44","registration":{"region":"火星","date":"2023-02-30"}}\n' > "$tmp/bad.jsonl"
check "profile check bad" run 1 "$bin" profile check "$tmp/bad.jsonl"
check "bad credit code named" has "credit_code" "$tmp/out"
check "bad date named" has "registration.date" "$tmp/out"
check "bad region named" has "registration.region" "$tmp/out"
check "profile check json" run 1 "$bin" profile check -f json "$tmp/bad.jsonl"
check "profile json valid false" test "$(jqv "$tmp/out" 'd[0]["valid"]')" = False
check "match" run 0 "$bin" match -f json --today 2019-08-01 "$profiles"/kunming-software.json
check "match shape" test "$(jqv "$tmp/out" 'all(set(("notice_id","title","verdict","score","deadline","conditions")) <= set(m) for m in d) and len(d) > 0')" = True
check "match verdicts" test "$(jqv "$tmp/out" 'all(m["verdict"] in ("eligible","ineligible","needs-check") and all(c["status"] in ("met","unmet","unknown") and c["reason"] for c in m["conditions"]) for m in d)')" = True
check "match order" test "$(jqv "$tmp/out" '[("eligible","needs-check","ineligible").index(m["verdict"]) for m in d] == sorted(("eligible","needs-check","ineligible").index(m["verdict"]) for m in d)')" = True
check "match open" run 0 "$bin" match -f json --open --today 2023-06-01 "$profiles"/kunming-software.json
check "match open only" test "$(jqv "$tmp/out" 'all(m["deadline"] is None or m["deadline"] >= "2023-06-01" for m in d)')" = True
check "match table" run 0 "$bin" match -f table -n 3 --today 2019-08-01 "$profiles"/tangshan-foundry.json
check "match csv bom" run 0 "$bin" match -f csv --today 2019-08-01 "$profiles"/tangshan-foundry.json
check "match csv bom bytes" test "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" = efbbbf
check "match bad profile" run 1 "$bin" match "$tmp/bad.jsonl"
python3 -c 'import json,sys
for f in sys.argv[1:]: print(json.dumps(json.load(open(f)), ensure_ascii=False))
print("{\"credit_code\": \"123\"}")' "$profiles"/kunming-software.json "$profiles"/tangshan-foundry.json > "$tmp/many.jsonl"
"$bin" search -f json --no-facets -n 1 申报 > "$tmp/one.json"
nid=$(jqv "$tmp/one.json" 'd["results"][0]["id"]')
check "match many" run 1 "$bin" match --profiles "$tmp/many.jsonl" --notice "$nid" --today 2023-06-01
check "match many lines" test "$(wc -l < "$tmp/out")" = 3
check "match many verdicts" test "$(head -2 "$tmp/out" | python3 -c 'import json,sys; print(all(json.loads(l)["verdict"] in ("eligible","ineligible","needs-check") and json.loads(l)["notice_id"] == '"$nid"' for l in sys.stdin))')" = True
check "match many bad line" has '"line": *3.*"error"' "$tmp/out"
check "match many counts" has "1 bad profiles" "$tmp/err"
check "match many unknown notice" run 1 "$bin" match --profiles "$tmp/many.jsonl" --notice 999999
check "match many csv" run 1 "$bin" match --profiles "$tmp/many.jsonl" --notice "$nid" -f csv --today 2023-06-01
check "match many csv rows" test "$(wc -l < "$tmp/out")" = 4
# many profiles against every notice: the same verdicts as one by one
"$bin" match -f json --today 2019-08-01 "$profiles"/kunming-software.json > "$tmp/single.json"
check "batch" run 1 "$bin" match --profiles "$tmp/many.jsonl" --today 2019-08-01 --needs-check-ids
check "batch lines" test "$(wc -l < "$tmp/out")" = 3
check "batch counts" has "2 profiles.*1 bad profiles" "$tmp/err"
check "batch bad line" test "$(sed -n 3p "$tmp/out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["line"] == 3 and "credit_code" in d["error"])')" = True
check "batch same verdicts" test "$(python3 -c 'import json,sys
single = json.load(open(sys.argv[1])); b = json.loads(open(sys.argv[2]).readline())
want = lambda v: sorted(m["notice_id"] for m in single if m["verdict"] == v)
print(b["name"] is not None and sorted(b["eligible"]) == want("eligible") and sorted(b["needs_check"]) == want("needs-check")
      and b["ineligible"] == len(want("ineligible")) and len(single) > 0)' "$tmp/single.json" "$tmp/out")" = True
python3 -c 'import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()[:2]
for i in range(5000):
    print(lines[i % 2] if i % 997 else "{not json")
    if i % 1500 == 0: print()
print("{\"name\": \"" + "长" * 400000 + "\"}")' "$tmp/many.jsonl" > "$tmp/big.jsonl"
"$bin" match --profiles "$tmp/big.jsonl" --threads 1 --today 2019-08-01 > "$tmp/t1" 2>/dev/null
check "batch threads" run 1 "$bin" match --profiles "$tmp/big.jsonl" --threads 3 --today 2019-08-01
check "batch threads same output" cmp -s "$tmp/t1" "$tmp/out"
check "batch order and blank lines" test "$(python3 -c 'import json,sys
ls = [json.loads(l) for l in open(sys.argv[1])]
print(len(ls) == 5001 and [d["line"] for d in ls] == sorted(d["line"] for d in ls) and ls[-1]["line"] == 5005)' "$tmp/out")" = True
check "batch not json" test "$(grep -c '"error":"not JSON' "$tmp/out")" = 6
check "batch long line" has '"line":5005,"error":"the line is longer than' "$tmp/out"
check "batch csv" run 1 "$bin" match --profiles "$tmp/many.jsonl" -f csv --today 2019-08-01
check "batch csv bom header" test "$(head -1 "$tmp/out")" = "$(printf '\xef\xbb\xbfline,name,credit_code,eligible,needs_check,ineligible,error\r')"
check "batch csv rows" test "$(wc -l < "$tmp/out")" = 4
check "batch csv error column" has '^3,,,,,,".*credit_code' "$tmp/out"
check "batch json refused" run 2 "$bin" match --profiles "$tmp/many.jsonl" -f json
check "batch threads bounded" run 2 "$bin" match --profiles "$tmp/many.jsonl" --threads 0
check "threads alone refused" run 2 "$bin" match --threads 2 "$profiles"/kunming-software.json
check "batch missing file" run 1 "$bin" match --profiles "$tmp/none.jsonl"

# ---- calendar ----
check "calendar json" run 0 "$bin" calendar -f json --today 2023-05-01
check "calendar events" test "$(jqv "$tmp/out" 'len(d) > 0 and all(e["to"] >= "2023-05-01" and e["from"] <= e["to"] for e in d)')" = True
check "calendar sorted" test "$(jqv "$tmp/out" '[e["to"] for e in d] == sorted(e["to"] for e in d)')" = True
n_events=$(jqv "$tmp/out" 'len(d)')
check "calendar ics" run 0 "$bin" calendar -f ics --today 2023-05-01
cp "$tmp/out" "$tmp/a.ics"
check "calendar ics again" run 0 "$bin" calendar -f ics --today 2023-05-01
check "ics crlf" test "$(head -1 "$tmp/a.ics" | od -An -c | tr -d ' \n' | tail -c 4)" = '\r\n'
ics_check=$(/usr/bin/python3 - "$tmp/a.ics" "$tmp/out" "$n_events" <<'PY'
import sys, icalendar, datetime
a = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
b = icalendar.Calendar.from_ical(open(sys.argv[2], 'rb').read())
ev = list(a.walk('VEVENT'))
ok = a['VERSION'] == '2.0' and 'PRODID' in a and len(ev) == int(sys.argv[3])
uids = [str(e['UID']) for e in ev]
ok = ok and len(set(uids)) == len(uids) and uids == [str(e['UID']) for e in b.walk('VEVENT')]
for e in ev:
    trig = sorted(x['TRIGGER'].dt for x in e.walk('VALARM'))
    # A deadline: 7 and 1 days before its day. A window: counted from DTEND,
    # the day after its last day.
    shift = 1 if str(e['UID']).count('-window-') else 0
    ok = ok and trig == [datetime.timedelta(days=-7 - shift), datetime.timedelta(days=-1 - shift)]
    ok = ok and e['DTEND'].dt > e['DTSTART'].dt and 'DTSTAMP' in e and bool(str(e['SUMMARY']))
print(ok)
PY
)
check "ics parses (RFC 5545), stable UIDs, two alarms" test "$ics_check" = True
check "calendar table" run 0 "$bin" calendar -f table --today 2023-05-01 --days 30
check "calendar profile" run 0 "$bin" calendar -f json --today 2023-05-01 -p "$profiles"/kunming-software.json
check "calendar profile verdicts" test "$(jqv "$tmp/out" 'all(e["verdict"] in ("eligible","needs-check") for e in d)')" = True
check "calendar filter" run 0 "$bin" calendar -f json --today 2023-05-01 -r 广东省
check "calendar filter fewer" test "$(jqv "$tmp/out" 'len(d)')" -le "$n_events"
check "calendar bad format" run 2 "$bin" calendar -f csv

# ---- kill -9 during an ingest, then a re-run ----
many=$tmp/many; mkdir -p "$many"
for i in $(seq 1 300); do
  printf '关于第%d批示范项目申报的通知\n各有关单位：\n请于2024年5月%d日前报送材料，编号%05d。\n某某市科学技术局\n2024年4月1日\n' \
    "$i" $((i % 28 + 1)) "$i" > "$many/n$i.txt"
done
kdb=$tmp/kill.db
"$bin" ingest -q --db "$kdb" --batch 10 "$many" & pid=$!
sleep 0.3; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
check "consistent after kill" run 0 "$bin" stats --db "$kdb" -f json --check
before=$(jqv "$tmp/out" 'd["notices"]')
check "re-run" run 0 "$bin" ingest -q --db "$kdb" -f json "$many"
check "nothing lost or doubled" run 0 "$bin" stats --db "$kdb" -f json --check
check "300 notices" test "$(jqv "$tmp/out" 'd["notices"]')" = 300
check "committed kept" test "$before" -le 300

# ---- readers while an ingest runs ----
rdb=$tmp/read.db
"$bin" ingest -q --db "$rdb" "$many/n1.txt"
"$bin" ingest -q --db "$rdb" --batch 5 "$corpus" "$many" & pid=$!
ok=0
for i in $(seq 1 15); do
  "$bin" search --db "$rdb" -f json --no-facets 申报 > /dev/null 2>"$tmp/rerr" && ok=$((ok + 1))
done
wait $pid
check "readers during ingest" test "$ok" = 15

# ---- bad database files ----
printf 'not a database at all %.0s' $(seq 1 300) > "$tmp/garbage.db"
check "garbage db" run 3 "$bin" search --db "$tmp/garbage.db" 通知
check "garbage message" has "not a zhengce database" "$tmp/err"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table t(x)"); c.commit()' "$tmp/other.db"
check "foreign db" run 3 "$bin" ingest --db "$tmp/other.db" "$tmp/good.txt"
check "foreign message" has "another program" "$tmp/err"
check "foreign untouched" test "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from sqlite_master").fetchone()[0])' "$tmp/other.db")" = 1
check "missing db" run 3 "$bin" search --db "$tmp/none.db" 通知
check "missing message" has "no database" "$tmp/err"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
