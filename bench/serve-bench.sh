#!/usr/bin/env bash
# serve-bench.sh: load benchmark of `zhengce serve` with wrk (Debian's),
# on loopback, bounded in time (about 2 minutes of load).
#
# usage: bench/serve-bench.sh [--seconds N] [--rate N] [--no-results]
#
#   1. takes the search benchmark's database (bench/out/search/bench.db,
#      118,243 notices; made by bench/search-bench.sh when absent) and
#      copies it, so the ingest below does not change it;
#   2. starts the server (2 threads on this 2-core machine, no access log);
#   3. the floor: a static asset (/static/app.css), as fast as it goes;
#   4. searches as the web UI makes them (top 20 with snippets, and facets),
#      queries drawn from the search benchmark's mix without its one-
#      character queries, at a paced --rate (default 500/s) while a
#      `zhengce ingest` of 20,000 new notices writes into the same database;
#   5. the same searches without facets, and unpaced (the server's
#      throughput), with no ingest;
#   6. prints a Markdown table and writes it into bench/RESULTS.md between
#      the serve-bench markers (--no-results to skip).
#
# Each run reports throughput and p50/p90/p99 latency (wrk measures from
# the request's send to its response's end).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
OUT=$BENCH/out/serve
BIN=${ZHENGCE:-$ROOT/build/zhengce}
SECONDS_PER_RUN=20
RATE=500
DO_RESULTS=1
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) SECONDS_PER_RUN=$2; shift ;;
	--rate) RATE=$2; shift ;;
	--no-results) DO_RESULTS=0 ;;
	*) echo "usage: $0 [--seconds N] [--rate N] [--no-results]" >&2; exit 2 ;;
	esac
	shift
done
command -v wrk >/dev/null || { echo "serve-bench: wrk is missing (apt-get install wrk)" >&2; exit 2; }
mkdir -p "$OUT"

SRC_DB=$BENCH/out/search/bench.db
if [ ! -f "$SRC_DB" ]; then
	"$BENCH/search-bench.sh" --no-peers --no-results
fi
echo "serve-bench: copying the database" >&2
rm -f "$OUT"/bench.db*
cp "$SRC_DB" "$OUT/bench.db"
DB=$OUT/bench.db
NOTICES=$("$BIN" stats --db "$DB" -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)["notices"])')

# the queries: the search mix without one-character terms, as URL paths
python3 - "$BENCH/out/search/queries.jsonl" "$OUT" <<'PY'
import json, sys, urllib.parse
src, out = sys.argv[1], sys.argv[2]
queries = [json.loads(l) for l in open(src, encoding="utf-8")]
queries = [q for q in queries if q.get("class") != "1char" and "query" in q]
with open(out + "/paths-facets.txt", "w") as f, open(out + "/paths-plain.txt", "w") as g:
    for q in queries:
        params = {"q": q["query"]}
        for k in ("region", "category", "issuer"):
            if k in q:
                params[k] = q[k]
        if q.get("open"):
            params["open"] = "1"
        qs = urllib.parse.urlencode(params, doseq=True)
        f.write("/api/notices?" + qs + "\n")
        g.write("/api/notices?" + qs + "&facets=0\n")
print(len(queries), file=sys.stderr)
PY

PORT_LOG=$OUT/server.log
"$BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads 2 --quiet 2>"$PORT_LOG" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; kill $INGEST 2>/dev/null || true' EXIT
INGEST=
for _ in $(seq 100); do grep -q 'http://' "$PORT_LOG" && break; sleep 0.1; done
PORT=$(grep -o '127.0.0.1:[0-9]*' "$PORT_LOG" | head -1 | cut -d: -f2)
BASE=http://127.0.0.1:$PORT
curl -sf "$BASE/healthz" >/dev/null

run() { # name connections rate(0: unpaced) paths-file-or-empty path
	local name=$1 conns=$2 rate=$3 paths=$4 path=$5
	echo "serve-bench: $name" >&2
	WRK_OUT=$OUT/$name.json WRK_CONNS=$conns WRK_PATHS=${paths:-} WRK_RATE=$rate \
		wrk -t 2 -c "$conns" -d "${SECONDS_PER_RUN}s" --timeout 10s -s "$BENCH/serve-wrk.lua" "$BASE$path" >/dev/null
	cat "$OUT/$name.json" >&2
}

# warm the page cache (not reported)
SECONDS_SAVED=$SECONDS_PER_RUN
SECONDS_PER_RUN=10
run warm-up 8 0 "$OUT/paths-plain.txt" /
SECONDS_PER_RUN=$SECONDS_SAVED

run static-unpaced 32 0 "" /static/app.css
run static-paced 50 "$RATE" "" /static/app.css

# the ingest: 20,000 new notices of the same generator, from another process
if [ ! -f "$OUT/ingest-corpus.txt" ]; then
	python3 "$BENCH/gen-corpus.py" --mb 50 --seed 7 --out "$OUT/ingest-corpus.txt" --no-meta
fi
( /usr/bin/time -f '%e' -o "$OUT/ingest.time" "$BIN" ingest --db "$DB" "$OUT/ingest-corpus.txt" \
	2>"$OUT/ingest.err" >/dev/null ) &
INGEST=$!
run search-paced-ingest 50 "$RATE" "$OUT/paths-facets.txt" /
INGEST_STILL=$(kill -0 $INGEST 2>/dev/null && echo yes || echo no)
wait $INGEST || true
INGEST=
run search-paced 50 "$RATE" "$OUT/paths-facets.txt" /
run search-nofacets-paced 50 "$RATE" "$OUT/paths-plain.txt" /
run search-nofacets-unpaced 16 0 "$OUT/paths-plain.txt" /
kill $SERVER; wait $SERVER 2>/dev/null || true
trap - EXIT

python3 - "$OUT" "$NOTICES" "$RATE" "$INGEST_STILL" "$(nproc)" "$SECONDS_PER_RUN" >"$OUT/report.md" <<'PY'
import json, sys
out, notices, rate, still, cpus, secs = sys.argv[1:]
rows = [("static-unpaced", "static file (/static/app.css), unpaced, 32 connections"),
        ("static-paced", f"static file, paced at {rate}/s"),
        ("search-paced-ingest", f"search + facets, paced at {rate}/s, **ingest running**"),
        ("search-paced", f"search + facets, paced at {rate}/s"),
        ("search-nofacets-paced", f"search without facets, paced at {rate}/s"),
        ("search-nofacets-unpaced", "search without facets, unpaced, 16 connections")]
print(f"{int(notices):,} notices, {cpus} CPUs, server with 2 threads, wrk -t 2 on the same machine, "
      f"{secs} s per run, loopback.\n")
print("| run | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, label in rows:
    r = json.load(open(f"{out}/{name}.json"))
    print(f"| {label} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p90_ms']:.1f} | {r['p99_ms']:.1f} | "
          f"{r['max_ms']:.0f} | {r['non2xx'] + r['socket_errors']} |")
t = open(f"{out}/ingest.time").read().strip()
print(f"\nThe ingest (about 20,000 notices) took {t} s and was "
      f"{'still running' if still == 'yes' else 'over'} when the paced run under ingest ended.")
PY
cat "$OUT/report.md"
if [ "$DO_RESULTS" = 1 ]; then
	python3 - "$BENCH/RESULTS.md" "$OUT/report.md" <<'PY'
import sys
path, report = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
text = open(path, encoding="utf-8").read()
begin, end = "<!-- serve-bench:begin -->", "<!-- serve-bench:end -->"
block = f"{begin}\n{report}{end}"
if begin in text:
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text += "\n## Serving (bench/serve-bench.sh)\n\n" + block + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
fi
