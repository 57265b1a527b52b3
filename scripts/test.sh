#!/usr/bin/env bash
# Builds everything and runs the whole test suite with a JDK 25 found the same way ./bench finds one.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl bench-core
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
bench_find_jdk || exit 1
cd "$root"
export JAVA_HOME="$BENCH_JAVA_HOME"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
exec mvn -B --no-transfer-progress install "$@"
