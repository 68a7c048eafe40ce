#!/usr/bin/env bash
# search-bench.sh: ingest and search benchmark of zhengce, side by side with
# the engines users reach for, and grep -F as the exactness reference.
#
# usage: bench/search-bench.sh [--mb N] [--queries N] [--no-peers | --reuse-peers] [--reuse-db] [--no-build] [--no-results]
#
#   1. builds (ninja -C build; --no-build to skip; ZHENGCE=path for another binary);
#   2. generates bench/corpus/corpus-MB.txt with bench/gen-corpus.py if absent
#      (default 300 MiB, about 110,000 notices, fixed seed);
#   3. ingests it into a new database, timing it end to end (extraction
#      included; wall time and peak RSS), and reads the sizes of the text and
#      of the index from `zhengce stats` (--reuse-db keeps the database, the
#      export and the timing of an earlier run, to measure queries again);
#   4. exports the notices and draws the query mix (bench/gen-queries.py:
#      1-, 2-, 3-, 4+-character terms, multi-term and filtered queries);
#   5. runs the queries through `zhengce search --queries` twice, once to warm
#      the page cache and once measured: top-20 ranked results with snippets,
#      per-query latency inside one process;
#   6. gets every query's full result set (--ids-only) and the reference sets
#      from grep -F over the same texts (bench/search-report.py --grep);
#   7. runs the peers (bench/search-peers.py): SQLite FTS5 trigram, Groonga
#      (TokenBigram), Xapian (CJK n-grams), installing their Debian packages
#      (groonga-bin, python3-xapian) when missing; --no-peers to skip them,
#      --reuse-peers to report the peers' results of an earlier run on the same
#      corpus and queries (bench/out/search/peers.json);
#   8. prints a Markdown report and writes it into bench/RESULTS.md between
#      the search-bench markers (--no-results to skip).
#
# Units: MB = 10^6 bytes (throughput), MiB = 2^20 bytes (sizes, RSS).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
MB=${BENCH_SEARCH_MB:-300}
NQ=1000
DO_PEERS=1
DO_BUILD=1
DO_RESULTS=1
REUSE_DB=0
BIN=${ZHENGCE:-$ROOT/build/zhengce}

while [ $# -gt 0 ]; do
	case $1 in
	--mb) MB=$2; shift 2 ;;
	--queries) NQ=$2; shift 2 ;;
	--no-peers) DO_PEERS=0; shift ;;
	--reuse-peers) DO_PEERS=2; shift ;;
	--reuse-db) REUSE_DB=1; shift ;;
	--no-build) DO_BUILD=0; shift ;;
	--no-results) DO_RESULTS=0; shift ;;
	-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "search-bench.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
	esac
done

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'search-bench.sh: %s\n' "$*" >&2; exit 1; }

apt_install() { # apt_install PACKAGE...: install Debian packages when missing (root only)
	local missing=()
	for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
	[ ${#missing[@]} = 0 ] && return 0
	[ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]} (apt-get install them)"
	say "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

apt_install time python3
[ "$DO_BUILD" = 1 ] && ninja -C "$ROOT/build" >/dev/null
[ -x "$BIN" ] || die "no zhengce binary at $BIN (make build)"

CORPUS=$BENCH/corpus/corpus-$MB.txt
OUT=$BENCH/out/search
mkdir -p "$BENCH/corpus" "$OUT"
if [ ! -s "$CORPUS" ]; then
	say "generating $CORPUS ($MB MiB)"
	python3 "$BENCH/gen-corpus.py" --mb "$MB" --out "$CORPUS" --no-meta
fi

DB=$OUT/bench.db
if [ "$REUSE_DB" = 1 ] && [ -s "$DB" ] && [ -s "$OUT/notices.jsonl" ] && [ -s "$OUT/ingest.time" ]; then
	say "reusing $DB and its export"
else
	rm -f "$DB" "$DB-wal" "$DB-shm"
	say "ingesting $(du -h "$CORPUS" | cut -f1) into $DB"
	/usr/bin/time -f '%e %M' -o "$OUT/ingest.time" "$BIN" ingest --db "$DB" -q -f json "$CORPUS" > "$OUT/ingest.json"
	say "exporting notices"
	"$BIN" export --db "$DB" > "$OUT/notices.jsonl"
fi
"$BIN" stats --db "$DB" -f json > "$OUT/stats.json"
say "drawing $NQ queries"
python3 "$BENCH/gen-queries.py" "$OUT/notices.jsonl" "$OUT/queries" --n "$NQ"

say "running the queries (warm-up, then measured)"
# Latency is measured on a settled machine: the ingest's 1.2 GB of dirty
# pages are written back first, not by kernel threads during the queries.
sync
"$BIN" search --db "$DB" --queries "$OUT/queries.jsonl" > /dev/null
"$BIN" search --db "$DB" --queries "$OUT/queries.jsonl" > "$OUT/zhengce.jsonl"
say "full result sets"
"$BIN" search --db "$DB" --queries "$OUT/queries.jsonl" --ids-only --limit 10000000 > "$OUT/zhengce-sets.jsonl"
# The filters alone, for the reference of filtered queries.
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    q = json.loads(line)
    if q["class"] == "filter":
        q.pop("query")
        print(json.dumps(q, ensure_ascii=False))
' "$OUT/queries.jsonl" > "$OUT/filters.jsonl"
"$BIN" search --db "$DB" --queries "$OUT/filters.jsonl" --ids-only --limit 10000000 > "$OUT/filter-sets.jsonl" || true

PEERS=()
if [ "$DO_PEERS" = 2 ]; then
	[ -s "$OUT/peers.json" ] || die "--reuse-peers: no $OUT/peers.json from an earlier run"
	PEERS=(--peers "$OUT/peers.json")
elif [ "$DO_PEERS" = 1 ]; then
	apt_install groonga-bin python3-xapian
	say "running the peers"
	python3 "$BENCH/search-peers.py" --notices "$OUT/notices.jsonl" --queries "$OUT/queries.plain.txt" \
		--work "$OUT/peers" --out "$OUT/peers.json"
	PEERS=(--peers "$OUT/peers.json")
fi

say "grep -F reference and report"
python3 "$BENCH/search-report.py" --out "$OUT" --corpus-bytes "$(stat -c %s "$CORPUS")" "${PEERS[@]}" > "$OUT/report.md"
cat "$OUT/report.md"

if [ "$DO_RESULTS" = 1 ]; then
	python3 "$BENCH/put-results.py" "$BENCH/RESULTS.md" search-bench "$OUT/report.md"
	say "bench/RESULTS.md updated"
fi
