#!/usr/bin/env bash
# match-bench.sh: many company profiles against the open notices.
#
# usage: bench/match-bench.sh [--profiles N] [--notices N] [--sql-profiles N]
#                             [--threads N] [--no-build] [--no-results]
#
# Builds a database of N open notices with eligibility conditions (default
# 1,000, taken from a 24 MiB corpus written by gen-corpus.py, all open on
# 2020-01-01) and a file of N company profiles (default 1,000,000, written by
# gen-profiles.py), then times `zhengce match --profiles FILE --open` over
# them: every profile against every notice, streamed, one output line per
# profile. Reports verdicts per second, wall and CPU time and peak memory.
#
# Beside it, in the same run, the peer: bench/match-sql.py, the same
# matching written as one SQL join in SQLite, on the first --sql-profiles
# profiles (default 2,000: the join is too slow for a million), with its
# verdicts per second, the ratio, and the agreement of the two on every
# verdict of those profiles. Writes bench/RESULTS.md between the
# match-bench markers unless --no-results.
#
# Cost: the profiles take about 45 s to generate the first time (~700 MiB,
# kept in bench/corpus/); the run itself is under a minute.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
OUT=$BENCH/out/match
CORPUS=$BENCH/corpus
BIN=${ZHENGCE:-$ROOT/build/zhengce}
PROFILES=1000000 NOTICES=1000 SQL_PROFILES=2000 THREADS=0 DO_BUILD=1 DO_RESULTS=1 TODAY=2020-01-01
while [ $# -gt 0 ]; do
	case $1 in
	--profiles) PROFILES=$2; shift ;;
	--notices) NOTICES=$2; shift ;;
	--sql-profiles) SQL_PROFILES=$2; shift ;;
	--threads) THREADS=$2; shift ;;
	--no-build) DO_BUILD=0 ;;
	--no-results) DO_RESULTS=0 ;;
	*) echo "usage: $0 [--profiles N] [--notices N] [--sql-profiles N] [--threads N] [--no-build] [--no-results]" >&2
	   exit 2 ;;
	esac
	shift
done
[ -x /usr/bin/time ] || { [ "$(id -u)" = 0 ] && apt-get install -y time >/dev/null; }
[ "$DO_BUILD" = 1 ] && [ -z "${ZHENGCE:-}" ] && ninja -C "$ROOT/build" >/dev/null
mkdir -p "$OUT" "$CORPUS"

# ---- the notices: N open ones with conditions ----
SOURCE=$CORPUS/match-notices.txt
[ -s "$SOURCE" ] || python3 "$BENCH/gen-corpus.py" --mb 24 --no-meta --out "$SOURCE" >/dev/null
DB=$OUT/notices-$NOTICES.db
if [ ! -s "$DB" ]; then
	rm -f "$DB"*
	"$BIN" ingest -q --db "$DB" "$SOURCE"
	"$BIN" export --db "$DB" >"$OUT/all.jsonl"
	python3 - "$OUT/all.jsonl" "$TODAY" "$NOTICES" >"$OUT/drop.txt" <<'PY'
import json, sys
path, today, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
def is_open(n):
    if (n.get("deadline") or "") >= today:
        return True
    return any(w.get("from") and w.get("to") and w["from"] <= today <= w["to"] for w in n.get("windows") or [])
rows = [json.loads(l) for l in open(path, encoding="utf-8")]
keep = [n["id"] for n in rows if n.get("conditions") and is_open(n)][:want]
if len(keep) < want:
    sys.exit("only %d open notices with conditions in the corpus" % len(keep))
keep = set(keep)
for n in rows:
    if n["id"] not in keep:
        print(n["id"])
PY
	xargs -n 2000 "$BIN" rm -q --db "$DB" <"$OUT/drop.txt"
	rm -f "$OUT/all.jsonl" "$OUT/drop.txt"
fi
"$BIN" export --db "$DB" >"$OUT/notices.jsonl"

# ---- the profiles ----
PFILE=$CORPUS/profiles-$PROFILES.jsonl
[ -s "$PFILE" ] || python3 "$BENCH/gen-profiles.py" --count "$PROFILES" --out "$PFILE"

# ---- zhengce: every profile against every open notice ----
THREAD_ARG=()
[ "$THREADS" != 0 ] && THREAD_ARG=(--threads "$THREADS")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
/usr/bin/time -v -o "$OUT/zhengce.time" "$BIN" match --db "$DB" --open --today "$TODAY" "${THREAD_ARG[@]}" \
	--profiles "$PFILE" >"$OUT/batch.jsonl" 2>"$OUT/zhengce.stderr" || [ $? = 1 ]
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
LINES=$(wc -l <"$OUT/batch.jsonl")
OUT_BYTES=$(stat -c %s "$OUT/batch.jsonl")
rm -f "$OUT/batch.jsonl"

# ---- the SQL join, and zhengce on the same profiles for the agreement ----
head -n "$SQL_PROFILES" "$PFILE" >"$OUT/sql-profiles.jsonl"
"$BIN" match --db "$DB" --open --today "$TODAY" --needs-check-ids --profiles "$OUT/sql-profiles.jsonl" \
	>"$OUT/sql-zhengce.jsonl" 2>/dev/null || [ $? = 1 ]
python3 "$BENCH/match-sql.py" "$OUT/notices.jsonl" "$OUT/sql-profiles.jsonl" --today "$TODAY" \
	--limit "$SQL_PROFILES" --zhengce "$OUT/sql-zhengce.jsonl" --json >"$OUT/sql.json"

python3 - "$OUT" "$PROFILES" "$NOTICES" "$LINES" "$OUT_BYTES" "$LOAD_BEFORE" "$LOAD_AFTER" "$PFILE" \
	>"$OUT/report.md" <<'PY'
import json, os, re, subprocess, sys
out, profiles, notices, lines, out_bytes, load_before, load_after, pfile = sys.argv[1:]
profiles, notices, lines, out_bytes = int(profiles), int(notices), int(lines), int(out_bytes)
t = open(os.path.join(out, "zhengce.time")).read()
def field(name):
    return re.search(re.escape(name) + r": (.*)", t).group(1).strip()
wall_s = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall_s)))
user, system = float(field("User time (seconds)")), float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
stats = open(os.path.join(out, "zhengce.stderr")).read().strip().splitlines()[-1]
sql = json.load(open(os.path.join(out, "sql.json")))
verdicts = profiles * notices
rate = verdicts / wall
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
print("%d open notices with eligibility conditions × %d company profiles (`%s`, %.0f MiB, bench/gen-profiles.py), "
      "2 CPUs; commit `%s`; load average before/after: %s / %s." % (notices, profiles, os.path.relpath(pfile),
      os.path.getsize(pfile) / 2**20, commit, load_before, load_after))
print()
print("| measure | zhengce (`match --profiles`, compiled) | SQL join (SQLite, bench/match-sql.py) |")
print("|---|---|---|")
print("| profiles | %d | %d |" % (profiles, sql["profiles"]))
print("| verdicts | %d | %d |" % (verdicts, sql["verdicts"]))
print("| time | **%.1f s** wall (user %.1f s, sys %.1f s) | %.1f s (the query, tables loaded) |" % (wall, user, system, sql["seconds"]))
print("| verdicts per second | **%.1f million** | %.3f million |" % (rate / 1e6, sql["verdicts_per_second"] / 1e6))
print("| ratio | **%.0f×** the SQL join | 1 |" % (rate / sql["verdicts_per_second"]))
print("| peak memory | %.0f MiB (streamed: the profiles file is %.0f MiB) | |" % (rss, os.path.getsize(pfile) / 2**20))
print("| output | %d lines, %.0f MiB | |" % (lines, out_bytes / 2**20))
print()
print("Target: the whole batch in under 60 s (≥ 10 million verdicts per second): **%s**." %
      ("met" if wall < 60 else "not met"))
print("Agreement of the two on the %d verdicts of the first %d profiles: **%.2f%%**." %
      (sql["compared"], sql["profiles"], 100 * sql["agreement"]))
print()
print("zhengce's summary: `%s`" % stats.replace("zhengce: ", ""))
print()
print("Command: `bench/match-bench.sh` (`make bench-match`).")
PY
cat "$OUT/report.md"
if [ "$DO_RESULTS" = 1 ]; then
	python3 "$BENCH/put-results.py" "$BENCH/RESULTS.md" match-bench "$OUT/report.md" "Matching (bench/match-bench.sh)"
fi
