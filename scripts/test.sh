#!/usr/bin/env bash
# Builds everything and runs the whole test suite with a JDK 25 found the same way ./bench finds one.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl bench-core. The torch peer's tests run on the real libtorch:
# its natives (about 90 MB) are fetched through the 'torch' profile unless BENCH_TORCH=0.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
bench_find_jdk || exit 1
cd "$root"
export JAVA_HOME="$BENCH_JAVA_HOME"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
profiles=()
if [ "${BENCH_TORCH:-1}" != "0" ]; then
  profiles=(-Ptorch)
fi
exec mvn -B --no-transfer-progress "${profiles[@]}" install "$@"
