#!/usr/bin/env bash
# crawl-bench.sh: crawl throughput of zhengce on loopback.
#
# usage: bench/crawl-bench.sh [--sites N] [--notices N] [--jobs N] [--no-results]
#
# Serves N sites of M notices each (default 8 × 1250 = 10,000 notices, 200
# list pages) from bench/crawl-site.py, crawls them into a new database with
# `zhengce crawl` (no delay, --jobs sites at once, no attachments), and
# reports pages per second end to end, the crawler's CPU time per page
# split into fetch (the HTTP request), content (finding the main content)
# and extract+store (the pipeline and the store), its peak memory, and the
# fixture server's own CPU time. Writes bench/RESULTS.md between the
# crawl-bench markers unless --no-results.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
OUT=$BENCH/out/crawl
BIN=${ZHENGCE:-$ROOT/build/zhengce}
SITES=8 NOTICES=1250 JOBS=2 DO_RESULTS=1
while [ $# -gt 0 ]; do
	case $1 in
	--sites) SITES=$2; shift ;;
	--notices) NOTICES=$2; shift ;;
	--jobs) JOBS=$2; shift ;;
	--no-results) DO_RESULTS=0 ;;
	*) echo "usage: $0 [--sites N] [--notices N] [--jobs N] [--no-results]" >&2; exit 2 ;;
	esac
	shift
done
mkdir -p "$OUT"
rm -f "$OUT"/crawl.db* "$OUT/port"
python3 "$BENCH/crawl-site.py" "$SITES" "$NOTICES" >"$OUT/port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 600); do [ -s "$OUT/port" ] && break; sleep 0.1; done
PORT=$(head -1 "$OUT/port")
python3 - "$SITES" "$NOTICES" "$PORT" >"$OUT/sources.json" <<'PY'
import json, sys
sites, notices, port = map(int, sys.argv[1:])
pages = (notices + 49) // 50
print(json.dumps({"sources": [{"id": f"s{k}", "list": f"http://127.0.0.1:{port}/s{k}/list/index.html",
    "pages": f"http://127.0.0.1:{port}/s{k}/list/index_{{n}}.html", "first_page": 1, "max_pages": pages + 1,
    "link": f"/s{k}/art/\\d+\\.html$", "delay": 0} for k in range(sites)]}))
PY
SERVER_CPU0=$(awk '{print $14 + $15}' /proc/$SERVER/stat)
echo "crawl-bench: crawling $((SITES * NOTICES)) notices" >&2
/usr/bin/time -f '%e %U %S %M' -o "$OUT/time" "$BIN" crawl --db "$OUT/crawl.db" --jobs "$JOBS" --no-attachments \
	--retries 0 "$OUT/sources.json" >"$OUT/pages.jsonl" 2>"$OUT/crawl.err" || true
SERVER_CPU1=$(awk '{print $14 + $15}' /proc/$SERVER/stat)
kill $SERVER
trap - EXIT
python3 - "$OUT" "$SITES" "$NOTICES" "$JOBS" "$((SERVER_CPU1 - SERVER_CPU0))" "$(getconf CLK_TCK)" "$(nproc)" >"$OUT/report.md" <<'PY'
import json, sys
out, sites, notices, jobs, server_ticks, hz, cpus = sys.argv[1], *map(int, sys.argv[2:])
wall, user, sys_, rss_kb = open(f"{out}/time").read().split("\n")[-2].split()
wall, cpu = float(wall), float(user) + float(sys_)
pages = [json.loads(l) for l in open(f"{out}/pages.jsonl") if l.strip() and '"summary"' not in l]
notice_pages = [p for p in pages if p.get("kind") == "notice"]
stored = sum(1 for p in notice_pages if p["outcome"] == "stored")
lists = sum(1 for p in pages if p.get("kind") == "list")
steps = {k: sum(p.get("cpu_ms", {}).get(k, 0) for p in notice_pages) / max(1, len(notice_pages)) for k in ("fetch", "content", "store")}
total = len(pages)
print(f"{sites} sites × {notices} notices on loopback ({total} pages: {lists} list pages and robots.txt aside), "
      f"`zhengce crawl --jobs {jobs} --no-attachments`, {cpus} CPUs, the fixture server (Python) on the same machine.\n")
print("| measure | figure |\n|---|---|")
print(f"| notices stored | {stored} of {sites * notices} |")
print(f"| wall time | {wall:.1f} s |")
print(f"| pages per second, end to end | **{total / wall:.0f}** (target ≥ 200) |")
print(f"| crawler CPU per page (user + system) | {1000 * cpu / max(1, total):.2f} ms |")
print(f"| of which, per notice: fetch / content / extract + store | {steps['fetch']:.2f} / {steps['content']:.2f} / {steps['store']:.2f} ms |")
print(f"| crawler peak RSS | {int(rss_kb) / 1024:.0f} MiB |")
print(f"| fixture server CPU per page | {1000 * server_ticks / hz / max(1, total):.2f} ms |")
PY
cat "$OUT/report.md"
if [ "$DO_RESULTS" = 1 ]; then
	python3 "$BENCH/put-results.py" "$BENCH/RESULTS.md" crawl-bench "$OUT/report.md" "Crawling (bench/crawl-bench.sh)"
fi
