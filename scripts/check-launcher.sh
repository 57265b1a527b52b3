#!/usr/bin/env bash
# Checks the ./bench launcher itself (the Java tests call the CLI in-process): no JVM warning reaches the
# user on any command, exit codes and error lines pass through, and help prints no picocli WARN line.
# Needs the jar (scripts/test.sh builds it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fail=0
check_quiet() {
  local out
  out="$(./bench "$@" 2>&1)" || true
  if grep -q 'WARNING\|\[picocli WARN\]' <<<"$out"; then
    echo "check-launcher: './bench $*' printed a warning:" >&2
    grep 'WARNING\|\[picocli WARN\]' <<<"$out" >&2
    fail=1
  fi
}
check_quiet list
check_quiet --help
check_quiet --version
for c in run list validate compare leaderboard report export show env calibrate new-track; do
  check_quiet "$c" --help
done
err="$(mktemp)"
rc=0
./bench compare no-such-base.json no-such-cur.json 2>"$err" || rc=$?
if [ "$rc" != 2 ] || ! grep -q '^bench: no-such-base.json: no such file$' "$err"; then
  echo "check-launcher: a missing results file should give exit 2 and one line; got exit $rc and:" >&2
  cat "$err" >&2
  fail=1
fi
rm -f "$err"
[ "$fail" = 0 ] && echo "check-launcher: ok"
exit "$fail"
