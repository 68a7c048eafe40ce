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
#      `zhengce ingest` of about 23,000 new notices writes into the same database,
#      then without the ingest, without facets, and unpaced: first with the
#      answer cache off (--cache-mb 0: every request runs its search), then
#      on (the default, after a warm-up that asks the whole mix: the mix
#      repeats, so answers come from memory until the store changes);
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

SERVER=
INGEST=
trap 'kill $SERVER $INGEST 2>/dev/null || true' EXIT

start_server() { # extra options
	"$BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads 2 --quiet "$@" 2>"$OUT/server.log" &
	SERVER=$!
	for _ in $(seq 100); do grep -q 'http://' "$OUT/server.log" && break; sleep 0.1; done
	PORT=$(grep -o '127.0.0.1:[0-9]*' "$OUT/server.log" | head -1 | cut -d: -f2)
	BASE=http://127.0.0.1:$PORT
	curl -sf "$BASE/healthz" >/dev/null
}

stop_server() {
	kill $SERVER
	wait $SERVER 2>/dev/null || true
	SERVER=
}

run() { # name connections rate(0: unpaced) paths-file-or-empty path
	local name=$1 conns=$2 rate=$3 paths=$4 path=$5
	echo "serve-bench: $name" >&2
	WRK_OUT=$OUT/$name.json WRK_CONNS=$conns WRK_PATHS=${paths:-} WRK_RATE=$rate \
		wrk -t 2 -c "$conns" -d "${SECONDS_PER_RUN}s" --timeout 10s -s "$BENCH/serve-wrk.lua" "$BASE$path" >/dev/null
	cat "$OUT/$name.json" >&2
}

warm_up() { # seconds: the page cache (and the answer cache) with the query mix; not reported
	local saved=$SECONDS_PER_RUN
	SECONDS_PER_RUN=$1
	run warm-up 8 0 "$OUT/paths-facets.txt" /
	SECONDS_PER_RUN=$saved
}

# ingest while searching: about 23,000 new notices of the same generator, from another process
ingest_corpus() { # seed
	local f=$OUT/ingest60-$1.txt
	[ -f "$f" ] || python3 "$BENCH/gen-corpus.py" --mb 60 --seed "$1" --out "$f" --no-meta >&2
	echo "$f"
}

paced_under_ingest() { # name seed
	local corpus
	corpus=$(ingest_corpus "$2")
	( /usr/bin/time -f '%e' -o "$OUT/$1.ingest-time" "$BIN" ingest --db "$DB" "$corpus" \
		2>"$OUT/$1.ingest-err" >/dev/null ) &
	INGEST=$!
	run "$1" 50 "$RATE" "$OUT/paths-facets.txt" /
	kill -0 $INGEST 2>/dev/null && echo yes >"$OUT/$1.ingest-still" || echo no >"$OUT/$1.ingest-still"
	wait $INGEST || true
	INGEST=
}

# 1. the answer cache off: every request runs its search
start_server --cache-mb 0
warm_up 10
run static-unpaced 32 0 "" /static/app.css
run static-paced 50 "$RATE" "" /static/app.css
paced_under_ingest nocache-paced-ingest 11
run nocache-paced 50 "$RATE" "$OUT/paths-facets.txt" /
run nocache-nofacets-paced 50 "$RATE" "$OUT/paths-plain.txt" /
run nocache-nofacets-unpaced 16 0 "$OUT/paths-plain.txt" /
stop_server

# 2. the answer cache on (the default): the mix repeats, so answers come from memory
start_server
warm_up 30 # long enough to ask every query of the mix once
run cache-paced 50 "$RATE" "$OUT/paths-facets.txt" /
run cache-unpaced 32 0 "$OUT/paths-facets.txt" /
paced_under_ingest cache-paced-ingest 12 # the ingest makes every answer stale (after --cache-fresh): served while refreshed in the background
stop_server
trap - EXIT

python3 - "$OUT" "$NOTICES" "$RATE" "$(nproc)" "$SECONDS_PER_RUN" "$(grep -c . "$OUT/paths-facets.txt")" >"$OUT/report.md" <<'PY'
import json, os, sys
out, notices, rate, cpus, secs, nqueries = sys.argv[1:]
rows = [("static-unpaced", "static file (/static/app.css), unpaced, 32 connections"),
        ("static-paced", f"static file, paced at {rate}/s"),
        ("nocache-paced-ingest", f"search + facets, no answer cache, paced at {rate}/s, **ingest running**"),
        ("nocache-paced", f"search + facets, no answer cache, paced at {rate}/s"),
        ("nocache-nofacets-paced", f"search without facets, no answer cache, paced at {rate}/s"),
        ("nocache-nofacets-unpaced", "search without facets, no answer cache, unpaced, 16 connections"),
        ("cache-paced-ingest", f"search + facets, answer cache, paced at {rate}/s, **ingest running**"),
        ("cache-paced", f"search + facets, answer cache, paced at {rate}/s"),
        ("cache-unpaced", "search + facets, answer cache, unpaced, 32 connections")]
print(f"{int(notices):,} notices, {cpus} CPUs, server with 2 threads, wrk -t 2 on the same machine, "
      f"{secs} s per run, loopback; searches drawn from {nqueries} queries of the search benchmark's mix "
      "(one-character queries left out), as the web UI asks them (top 20 with snippets, and facets).\n")
print("| run | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, label in rows:
    r = json.load(open(f"{out}/{name}.json"))
    print(f"| {label} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p90_ms']:.1f} | {r['p99_ms']:.1f} | "
          f"{r['max_ms']:.0f} | {r['non2xx'] + r['socket_errors']} |")
for name in ("nocache-paced-ingest", "cache-paced-ingest"):
    t = open(f"{out}/{name}.ingest-time").read().strip()
    still = open(f"{out}/{name}.ingest-still").read().strip()
    print(f"\n{name}: the ingest of about 23,000 notices took {t} s and was "
          f"{'still running' if still == 'yes' else 'over'} when the run ended.", end="")
print("\n\nErrors are non-2xx answers plus wrk's socket errors (timeouts after 10 s included).")
PY
cat "$OUT/report.md"
if [ "$DO_RESULTS" = 1 ]; then
	python3 "$BENCH/put-results.py" "$BENCH/RESULTS.md" serve-bench "$OUT/report.md" "Serving (bench/serve-bench.sh)"
fi
