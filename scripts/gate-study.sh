#!/usr/bin/env bash
# Reproduces the measurements of docs/gate.md on this machine: the false-alarm rate of the regression gate on
# A/A comparisons of real kernels, its power on real slowdowns, and the length of a gemm gate run.
# Needs the built jar and test classes (scripts/test.sh, or mvn -DskipTests install test-compile). About 45 minutes
# on a quiet machine; steps can be run alone: scripts/gate-study.sh OUT [1|2|3].
#   scripts/gate-study.sh [OUT]        (default OUT: results/gate-study)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
bench_find_jdk || exit 1
out="${1:-$root/results/gate-study}"
cp="$root/bench-cli/target/bench.jar:$root/bench-cli/target/test-classes"
for f in "$root/bench-cli/target/bench.jar" "$root/bench-cli/target/test-classes/dev/mlbench/cli/study/GateStudy.class"; do
  [ -e "$f" ] || { echo "gate-study: $f is missing; build first (scripts/test.sh)" >&2; exit 1; }
done
java() {
  "$BENCH_JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -Dbench.home="$root" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${JAVA_OPTS:-} -cp "$cp" "$@"
}
bench() { java dev.mlbench.cli.BenchCli "$@"; }
study() { java dev.mlbench.cli.study.GateStudy "$@"; }
newest() { ls -t "$1"/*.json | head -n1; }
only="${2:-}"
mkdir -p "$out"
echo "== $(date -u +%FT%TZ) host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"

step() { [ -z "$only" ] || [ "$only" = "$1" ]; }
if step 1; then
echo "== 1. bench run --track gemm --profile gate (how long a gate profile run takes); A/A splits of its forks"
start=$(date +%s)
bench run --track gemm --profile gate --out "$out/gemm" > "$out/gemm.txt" || true
echo "gemm gate profile run: $(( $(date +%s) - start )) s"
study aa "$(newest "$out/gemm")" 60 5
fi
if step 2; then

echo "== 2. power: vector GEMM with 5, 10, 20% extra work, 24 forks per setting, draws of 10 forks per side"
bench run --config "$root/configs/studies/gate-power.yaml" --profile gate --forks 24 --out "$out/power" > "$out/power.txt" || true
study power "$(newest "$out/power")" 200 10 36
study power "$(newest "$out/power")" 200 10 4
study aa "$(newest "$out/power")" 60 10
fi
if step 3; then

echo "== 3. genuine separate-run A/A pairs: 5 x bench gate of this build against a copy of itself"
base="${GATE_STUDY_BASE:-}"
[ -n "$base" ] || { echo "gate-study: step 3 needs GATE_STUDY_BASE, a built copy of this checkout (cp -a . ../base)" >&2; exit 1; }
for i in 1 2 3 4 5; do
  rc=0
  "$root/bench" gate --base "$base" --config "$root/configs/studies/gate-aa-gemm.yaml" \
    --config "$root/configs/studies/gate-aa-softmax.yaml" --seed "$i" --out "$out/pairs/$i" > "$out/pairs-$i.txt" 2>&1 || rc=$?
  echo "pair $i: exit $rc"; grep -E 'SLOWER|FASTER' "$out/pairs-$i.txt" || true
done
fi
