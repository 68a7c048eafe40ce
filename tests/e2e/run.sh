#!/bin/sh
# run.sh: the browser end-to-end test of the web UI. Stores the sample
# notices and one notice carrying <script> markup in a fresh database,
# starts `zhengce serve` on a free loopback port, runs e2e.mjs (playwright-core
# driving Debian's /usr/bin/chromium) against it and stops the server.
#
# usage: tests/e2e/run.sh [ZHENGCE_BINARY]    (default: build/zhengce)
# env:   ZC_FIXTURES   the shared fixtures (default: ../shared/fixtures)
#        ZC_ARTIFACTS  where screenshots go (default: tests/e2e/artifacts)
# exit:  the test's status; 77 (skipped) without chromium, node or
#        node_modules/playwright-core (run `npm ci` in tests/e2e).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/zhengce}
fixtures=${ZC_FIXTURES:-$root/../shared/fixtures}

skip() { echo "e2e: skipped: $*"; exit 77; }
fail() { echo "e2e: FAIL: $*" >&2; exit 1; }

[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium is missing (apt-get install chromium)"
command -v node >/dev/null 2>&1 || skip "node is missing"
[ -d "$here/node_modules/playwright-core" ] || skip "playwright-core is missing (cd tests/e2e && npm ci)"
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
[ -x "$bin" ] || fail "no zhengce binary at $bin"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zhengce-e2e.XXXXXX") || fail "cannot make a temporary directory"
pid=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
db=$tmp/e2e.db

# The notice whose text is markup: the UI must show it as text and run none of it.
cat > "$tmp/script-notice.txt" <<'EOF'
关于开展恶意脚本测试的通知
各有关单位：
恶意脚本测试<script>window.__xss=1</script><img src=x onerror="window.__xss=2">
请于2030年12月31日前报送材料。联系电话：0871-63130753
某某市科学技术局
2030年1月1日
EOF

set -- "$tmp/script-notice.txt"
for f in "$root/tests/data/extract" "$fixtures/real" "$fixtures/digest-2019-08.txt"; do
	[ -e "$f" ] && set -- "$@" "$f"
done
[ $# -gt 1 ] || echo "e2e: warning: no sample notices found (ZC_FIXTURES=$fixtures)" >&2
"$bin" ingest --quiet --db "$db" "$@"
rc=$?
[ $rc -le 1 ] || fail "zhengce ingest exited $rc"

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })') ||
	fail "no free port"
base=http://127.0.0.1:$port
"$bin" serve --listen "127.0.0.1:$port" --db "$db" > "$tmp/server.log" 2>&1 &
pid=$!

up=0
for _ in $(seq 1 50); do
	kill -0 "$pid" 2>/dev/null || break
	if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$base/healthz"; then
		up=1
		break
	fi
	sleep 0.2
done
if [ $up -ne 1 ]; then
	cat "$tmp/server.log" >&2
	fail "the server did not answer $base/healthz"
fi

ZC_BASE_URL=$base ZC_ARTIFACTS=${ZC_ARTIFACTS:-$here/artifacts} node "$here/e2e.mjs"
status=$?
if [ $status -ne 0 ]; then
	echo "e2e: server log (last 40 lines):" >&2
	tail -n 40 "$tmp/server.log" >&2
fi
exit $status
