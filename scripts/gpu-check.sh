#!/usr/bin/env bash
# On a machine with an NVIDIA GPU: builds bench, runs the CUDA tests, then the GPU rows (CUDA and OpenCL
# backends) of every GPU track that exists (gemm, softmax, attention) with the quick profile, and writes the
# results JSON, the test reports and the device description to OUT. About 3 to 5 minutes.
#   scripts/gpu-check.sh OUT            the check
#   scripts/gpu-check.sh OUT --sweep    then also configs/gpu/gemm-sweep.yaml (tile sweep, 8192^3; longer)
# Exit status: 0 when every run and test passed, 1 otherwise (each failure is named at the end).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: scripts/gpu-check.sh OUT_DIR [--sweep]}"
sweep="${2:-}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$root"
. scripts/find-jdk.sh
bench_find_jdk || exit 1
export JAVA_HOME="$BENCH_JAVA_HOME"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

# NVRTC and cuBLAS come with the CUDA toolkit, often outside the linker's default path.
for dir in /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib; do
  if [ -d "$dir" ]; then
    LD_LIBRARY_PATH="$dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  fi
done
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}"

failures=()
step() { echo "== $(date -u +%H:%M:%S) $*" >&2; }

step "device"
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi >"$out/nvidia-smi.txt" 2>&1
else
  echo "nvidia-smi not found: no NVIDIA driver on this machine" >"$out/nvidia-smi.txt"
fi
head -n 15 "$out/nvidia-smi.txt" >&2

step "build"
if ! mvn -B -q --no-transfer-progress install -DskipTests >"$out/build.log" 2>&1; then
  tail -n 40 "$out/build.log" >&2
  echo "gpu-check: the build failed (see $out/build.log)" >&2
  exit 1
fi

step "bench list"
./bench list >"$out/list.txt" 2>&1
grep -E '^(opencl|cuda) ' "$out/list.txt" >&2
if ! grep -Eq '^cuda +yes' "$out/list.txt"; then
  failures+=("CUDA backend unavailable (see list.txt)")
fi

step "kernels-gpu tests (CUDA and OpenCL kernels against the references)"
if ! mvn -B --no-transfer-progress test -pl kernels-gpu -am -Dsurefire.failIfNoSpecifiedTests=false \
     -Dtest='dev.mlbench.kernels.gpu.**' >"$out/tests.log" 2>&1; then
  failures+=("kernels-gpu tests (tests.log)")
fi
grep -E 'Tests run:.*(Skipped|Fail)' "$out/tests.log" | tail -n 8 >&2
mkdir -p "$out/surefire" && cp kernels-gpu/target/surefire-reports/*.xml "$out/surefire/" 2>/dev/null

for track in gemm softmax attention; do
  [ -f "configs/tracks/$track.yaml" ] || { step "track $track: not in this checkout, skipped"; continue; }
  for backend in cuda opencl; do
    step "run $track on $backend (quick)"
    ./bench run --track "$track" --backend "$backend" --profile quick --no-calibration --out "$out" \
      >"$out/run-$track-$backend.txt" 2>&1
    rc=$?
    tail -n 20 "$out/run-$track-$backend.txt" >&2
    # A track with no kernel of this backend yet (softmax and attention have OpenCL kernels only) is not a failure.
    if [ "$rc" -ne 0 ] && grep -q 'the plan is empty' "$out/run-$track-$backend.txt"; then
      step "track $track has no $backend kernel: nothing to run"
      continue
    fi
    [ "$rc" -eq 0 ] || failures+=("$track on $backend exited $rc (run-$track-$backend.txt)")
  done
done

if [ "$sweep" = "--sweep" ]; then
  step "GPU GEMM sweep (configs/gpu/gemm-sweep.yaml)"
  ./bench run --config configs/gpu/gemm-sweep.yaml --profile quick --no-calibration --out "$out" >"$out/run-gemm-sweep.txt" 2>&1
  rc=$?
  tail -n 40 "$out/run-gemm-sweep.txt" >&2
  [ "$rc" -eq 0 ] || failures+=("gemm sweep exited $rc (run-gemm-sweep.txt)")
fi

step "done: results in $out"
if [ "${#failures[@]}" -gt 0 ]; then
  printf 'gpu-check: FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "gpu-check: all GPU runs and tests passed" >&2
