#!/usr/bin/env bash
# extract-bench.sh: throughput and memory benchmark of `zhengce extract`.
#
# usage: bench/extract-bench.sh [--mb N] [--big-mb N] [--no-big] [--no-build] [--no-results]
#
# With no arguments (what `make bench` runs):
#   1. builds with `ninja -C build` (skip with --no-build; ZHENGCE=path to use another binary);
#   2. generates bench/corpus/corpus-200.txt with bench/gen-corpus.py if absent
#      (200 MiB, fixed seed; git-ignored);
#   3. on one core (taskset -c 0 when available), times
#        zhengce extract --format jsonl CORPUS > /dev/null      (wall time, peak RSS)
#        grep -c -P '关于|通知' CORPUS               (the floor; best of five runs)
#      and, in a separate run, counts the notices printed and checks the split
#      against the generator's index (bench/split-check.py);
#   4. concatenates copies of the corpus into bench/corpus/big-1024.txt
#      (>= 1 GiB; skip with --no-big) and reports zhengce's peak RSS on it;
#   5. prints a Markdown table and writes it into bench/RESULTS.md (between the
#      extract-bench markers, replacing the previous run's; --no-results to skip).
#
# Units: MB = 10^6 bytes (throughput), MiB = 2^20 bytes (sizes, RSS).
# Environment: ZHENGCE (binary), BENCH_MB, BENCH_BIG_MB (defaults for --mb, --big-mb).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
MB=${BENCH_MB:-200}
BIG_MB=${BENCH_BIG_MB:-1024}
DO_BIG=1
DO_BUILD=1
DO_RESULTS=1
BIN=${ZHENGCE:-$ROOT/build/zhengce}

while [ $# -gt 0 ]; do
	case $1 in
	--mb) MB=$2; shift 2 ;;
	--big-mb) BIG_MB=$2; shift 2 ;;
	--no-big) DO_BIG=0; shift ;;
	--no-build) DO_BUILD=0; shift ;;
	--no-results) DO_RESULTS=0; shift ;;
	-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "extract-bench.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
	esac
done

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'extract-bench.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- tools
if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		say "installing GNU time (apt-get install -y time)"
		apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1; } ||
			die "could not install GNU time"
	else
		die "/usr/bin/time (GNU time) is needed: apt-get install time"
	fi
fi
command -v python3 >/dev/null || die "python3 is needed to generate the corpus"
PIN=()
if command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then
	PIN=(taskset -c 0)
fi
export LC_ALL=C.UTF-8

if [ "$DO_BUILD" = 1 ] && [ -z "${ZHENGCE:-}" ]; then
	[ -f "$ROOT/build/build.ninja" ] || die "no build/ directory: run 'meson setup build' first"
	say "ninja -C build"
	ninja -C "$ROOT/build" >&2 || die "build failed"
fi
[ -x "$BIN" ] || die "$BIN not found or not executable"

OUT=$BENCH/out
mkdir -p "$OUT" "$BENCH/corpus"

# ---------------------------------------------------------------- corpus
CORPUS=$BENCH/corpus/corpus-$MB.txt
if [ ! -s "$CORPUS" ] || [ ! -s "$CORPUS.meta.json" ] || [ ! -s "$CORPUS.index.tsv" ]; then
	say "generating $CORPUS ($MB MiB)"
	python3 "$BENCH/gen-corpus.py" --mb "$MB" --index --out "$CORPUS"
fi
meta() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$CORPUS.meta.json" "$1"; }
BYTES=$(stat -c %s "$CORPUS")
[ "$BYTES" = "$(meta bytes)" ] || die "$CORPUS does not match its meta.json: delete it to regenerate"
GEN_NOTICES=$(meta notices)
MEAN=$(meta mean_notice_bytes)
SEED=$(meta seed)

# ---------------------------------------------------------------- helpers
# elapsed TIMEFILE -> seconds
elapsed() {
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"
}
rss_kb() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
cpu_s() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
warm() { cat "$1" >/dev/null; }

# timed TIMEFILE STDOUT CMD... : runs CMD under /usr/bin/time -v on the pinned core.
# (grep's stdout must not be /dev/null: GNU grep then stops at the first match.)
timed() {
	local tf=$1 out=$2; shift 2
	local rc=0
	/usr/bin/time -v -o "$tf" "${PIN[@]}" "$@" >"$out" 2>"${tf%.time}.stderr" || rc=$?
	return $rc
}

PINS=${PIN[*]:+${PIN[*]} }
ZC_CMD="${PINS}build/zhengce extract --format jsonl $(realpath --relative-to="$ROOT" "$CORPUS") > /dev/null"
GREP_CMD="${PINS}grep -c -P '关于|通知' $(realpath --relative-to="$ROOT" "$CORPUS") > bench/out/grep.out"

# ---------------------------------------------------------------- zhengce
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
warm "$CORPUS"
say "timing: $ZC_CMD"
ZC_RC=0
timed "$OUT/zhengce.time" /dev/null "$BIN" extract --format jsonl "$CORPUS" || ZC_RC=$?
[ "$ZC_RC" = 0 ] || say "zhengce exited with status $ZC_RC"
ZC_S=$(elapsed "$OUT/zhengce.time")
ZC_RSS=$(rss_kb "$OUT/zhengce.time")
ZC_CPU=$(cpu_s "$OUT/zhengce.time")

say "counting notices and checking the split (second run, output piped to bench/split-check.py)"
COUNT_RC=0
"${PIN[@]}" "$BIN" extract --format jsonl --quiet "$CORPUS" 2>"$OUT/count.stderr" |
	python3 "$BENCH/split-check.py" "$CORPUS.index.tsv" - --json >"$OUT/split.json" || COUNT_RC=$?
[ "$COUNT_RC" = 0 ] || say "count run exited with status $COUNT_RC"
split() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$OUT/split.json" "$1"; }
ZC_NOTICES=$(split output)
FOUND=$(split found)
LATE=$(split late)
MISSED=$(split missed)
EXTRA=$(split extra)

# ---------------------------------------------------------------- grep
say "timing: $GREP_CMD"
GREP_RC=0
timed "$OUT/grep.time" "$OUT/grep.out" grep -c -P '关于|通知' "$CORPUS" || GREP_RC=$?
[ "$GREP_RC" -le 1 ] || die "grep failed ($GREP_RC)"
GREP_LINES=$(cat "$OUT/grep.out")
# The floor is short (a fraction of a second), so GNU time's hundredths are
# coarse for it: the best of five runs, timed to the microsecond.
GREP_S=""
for _ in 1 2 3 4 5; do
	t0=$(date +%s.%N)
	"${PIN[@]}" grep -c -P '关于|通知' "$CORPUS" > "$OUT/grep.out" || true
	t1=$(date +%s.%N)
	GREP_S=$(calc %.3f "($t1 - $t0) < ${GREP_S:-1e9} ? ($t1 - $t0) : ${GREP_S:-1e9}")
done

ZC_MBS=$(calc %.2f "$BYTES / 1e6 / $ZC_S")
ZC_CPU_MBS=$(calc %.2f "$BYTES / 1e6 / $ZC_CPU")
ZC_NPS=$(calc %.0f "$ZC_NOTICES / $ZC_S")
GREP_MBS=$(calc %.0f "$BYTES / 1e6 / ($GREP_S > 0 ? $GREP_S : 0.01)")
RATIO=$(calc %.1f "$ZC_S / ($GREP_S > 0 ? $GREP_S : 0.01)")
ZC_RSS_MIB=$(calc %.1f "$ZC_RSS / 1024")

# ---------------------------------------------------------------- 1 GiB
BIG_NOTE=""
BIG_CMD=""
if [ "$DO_BIG" = 1 ]; then
	BIG=$BENCH/corpus/big-$BIG_MB.txt
	want=$((BIG_MB * 1024 * 1024))
	copies=$(( (want + BYTES - 1) / BYTES ))
	big_bytes=$((copies * BYTES))
	if [ ! -f "$BIG" ] || [ "$(stat -c %s "$BIG")" != "$big_bytes" ]; then
		rm -f "$BIG"
		avail=$(( $(df -Pk "$BENCH/corpus" | awk 'NR==2 { print $4 }') * 1024 ))
		if [ "$avail" -lt $((big_bytes + 512 * 1024 * 1024)) ]; then
			copies=$(( (avail - 512 * 1024 * 1024) / BYTES ))
			[ "$copies" -ge 1 ] || copies=1
			BIG_NOTE="disk short ($((avail / 1048576)) MiB free): used $copies copies instead of $(( (want + BYTES - 1) / BYTES ))"
			say "$BIG_NOTE"
			big_bytes=$((copies * BYTES))
		fi
		say "building $BIG ($copies copies of the corpus)"
		for _ in $(seq "$copies"); do cat "$CORPUS"; done >"$BIG.part"
		mv "$BIG.part" "$BIG"
	fi
	BIG_BYTES=$(stat -c %s "$BIG")
	BIG_CMD="${PINS}build/zhengce extract --format jsonl $(realpath --relative-to="$ROOT" "$BIG") > /dev/null"
	say "timing: $BIG_CMD"
	BIG_RC=0
	timed "$OUT/big.time" /dev/null "$BIN" extract --format jsonl "$BIG" || BIG_RC=$?
	[ "$BIG_RC" = 0 ] || say "zhengce exited with status $BIG_RC on the big input"
	BIG_S=$(elapsed "$OUT/big.time")
	BIG_RSS_MIB=$(calc %.1f "$(rss_kb "$OUT/big.time") / 1024")
	BIG_MBS=$(calc %.2f "$BIG_BYTES / 1e6 / $BIG_S")
fi

# ---------------------------------------------------------------- report
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
verdict() { awk "BEGIN { print ($1) ? \"met\" : \"**not met**\" }"; }
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no -- src include 2>/dev/null | grep -q . && echo " + uncommitted changes in src/ or include/" || true)
NOW=$(date -u '+%Y-%m-%d %H:%M UTC')
ZC_VER=$("$BIN" --version 2>/dev/null | head -1 || true)

TABLE=$(mktemp)
{
	echo "<!-- extract-bench:begin -->"
	echo "## extract throughput: $NOW"
	echo
	echo "- commit: \`$REV\`$DIRTY${ZC_VER:+ ($ZC_VER)}"
	echo "- machine: $(nproc) CPUs, $CPU, $MEM, Linux $(uname -r); pinned: ${PIN[*]:-no (taskset missing)}; LC_ALL=$LC_ALL; load average before/after: $LOAD_BEFORE / $LOAD_AFTER (other work on the machine inflates wall times: compare the CPU times)"
	echo "- corpus: \`$(realpath --relative-to="$ROOT" "$CORPUS")\`, $BYTES bytes ($(calc %.1f "$BYTES / 1048576") MiB), $GEN_NOTICES notices (mean $MEAN bytes), bench/gen-corpus.py seed $SEED"
	echo "- commands:"
	echo "  - \`/usr/bin/time -v $ZC_CMD\`"
	echo "  - \`${PINS}build/zhengce extract --format jsonl --quiet $(realpath --relative-to="$ROOT" "$CORPUS") | python3 bench/split-check.py $(realpath --relative-to="$ROOT" "$CORPUS").index.tsv - --json\` (notice count and split check)"
	echo "  - \`/usr/bin/time -v $GREP_CMD\`"
	[ -n "$BIG_CMD" ] && echo "  - \`/usr/bin/time -v $BIG_CMD\`"
	echo
	echo "| measure | value | target | |"
	echo "| --- | --- | --- | --- |"
	echo "| zhengce wall time ($(calc %.0f "$BYTES / 1048576") MiB) | $ZC_S s (CPU $ZC_CPU s)$([ "$ZC_RC" = 0 ] || echo ", exit $ZC_RC") | | |"
	echo "| zhengce throughput | **$ZC_MBS MB/s** wall ($ZC_CPU_MBS MB/s on CPU time) | ≥ 20 MB/s | $(verdict "$ZC_MBS >= 20") |"
	echo "| zhengce notices/s | $ZC_NPS ($ZC_NOTICES notices printed) | | |"
	echo "| zhengce peak RSS ($(calc %.0f "$BYTES / 1048576") MiB) | $ZC_RSS_MIB MiB | | |"
	echo "| grep floor (\`grep -c -P '关于\\|通知'\`) | $GREP_S s, $GREP_MBS MB/s ($GREP_LINES lines match) | | |"
	echo "| zhengce / grep | **${RATIO}×** slower | ≤ 20× | $(verdict "$RATIO <= 20") |"
	if [ -n "$BIG_CMD" ]; then
		echo "| peak RSS on $(calc %.0f "$BIG_BYTES / 1048576") MiB input | **$BIG_RSS_MIB MiB** ($BIG_S s wall, CPU $(cpu_s "$OUT/big.time") s, $BIG_MBS MB/s$([ "$BIG_RC" = 0 ] || echo ", exit $BIG_RC")) | < 64 MiB on 1 GiB | $(verdict "$BIG_RSS_MIB < 64") |"
	else
		echo "| peak RSS on 1 GiB | not run (--no-big) | < 64 MiB | |"
	fi
	echo "| split | $FOUND of $GEN_NOTICES generated notices found ($LATE of them 1–2 lines late); $MISSED merged into the one before; $EXTRA extra cuts | all found, none late | $(verdict "$MISSED == 0 && $EXTRA == 0 && $LATE == 0") |"
	[ -n "$BIG_NOTE" ] && { echo; echo "Note: $BIG_NOTE."; }
	echo
	echo "Split misses by kind/shape (missed/generated): $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(", ".join("%s %s" % kv for kv in d["missed_by_kind_shape"].items()) or "none")' "$OUT/split.json")"
	echo
	echo "<!-- extract-bench:end -->"
} >"$TABLE"

cat "$TABLE"

if [ "$DO_RESULTS" = 1 ]; then
	RES=$BENCH/RESULTS.md
	python3 "$BENCH/put-results.py" "$RES" extract-bench "$TABLE"
	say "results written to $(realpath --relative-to="$ROOT" "$RES")"
fi
rm -f "$TABLE"
