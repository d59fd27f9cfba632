#!/usr/bin/env bash
# The GPU check: builds the runnable jar with the CUDA backend (-Pcuda), then on one GPU runs the model benchmark
# (bench-model) on the paper and small shapes and the pipeline benchmark (bench-stream) on small, and prints one
# JSON line per case on stdout ({"case": ..., "result": ...}); progress and build output go to stderr.
# Fails at once, with one line and exit status 2, where there is no NVIDIA GPU or no CUDA 11 runtime, and with
# exit status 1 when the jar loads a backend other than CUDA.
#
# Usage: model/bench/gpu-check.sh
# Environment: GPU (the device index, default 0), SECONDS_PER_PHASE (bench-stream, default 30),
#              OUT (default model/target/gpu-check), JAVA_OPTS (JVM flags over the launcher's).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out=${OUT:-$root/model/target/gpu-check}
export CUDA_VISIBLE_DEVICES=${GPU:-0}

fail() { echo "gpu-check: $1" >&2; exit 2; }

command -v nvidia-smi >/dev/null || fail "no nvidia-smi on the PATH: this machine has no NVIDIA driver"
nvidia-smi -L 2>/dev/null | grep -q '^GPU ' || fail "nvidia-smi lists no GPU"
# nd4j-cuda-11.6 links the CUDA 11 runtime; a newer driver runs it, a CUDA 12-only install does not provide it
ldconfig -p | grep -q 'libcudart\.so\.11' \
  || fail "no CUDA 11 runtime (libcudart.so.11*) in the linker's cache: install CUDA 11.6's runtime libraries"
echo "gpu-check: $(nvidia-smi -L | sed -n "$((${GPU:-0} + 1))p")" >&2

mkdir -p "$out"
echo "gpu-check: building with -Pcuda ..." >&2
(cd "$root" && mvn -B -q -Pcuda -pl streams/cli -am package -DskipTests) >&2

cpcstream() {
  # shellcheck disable=SC2086
  java @"$root/streams/cli/src/main/jvm/jvm.options" ${JAVA_OPTS:-} -jar "$root/streams/cli/target/cpcstream.jar" "$@"
}

emit() {  # case name, JSON -> one line {"case": ..., "result": ...}
  jq -c --arg case "$1" '{case: $case, result: .}' <<<"$2"
}

declare -A shapes=(
  [paper]=""
  [small]="--channels 128 --hidden 128 --window 10240"
)
for name in paper small; do
  echo "gpu-check: bench-model $name ..." >&2
  # shellcheck disable=SC2086
  result=$(cpcstream bench-model ${shapes[$name]} 2>"$out/bench-model-$name.err" | tail -n 1)
  backend=$(jq -r .backend <<<"$result")
  [[ $backend == *Cuda* || $backend == *Cublas* ]] || {
    echo "gpu-check: the jar ran on $backend, not CUDA; see $out/bench-model-$name.err" >&2; exit 1; }
  emit "bench-model $name" "$result"
done

echo "gpu-check: bench-stream small ..." >&2
cpcstream bench-stream --preset small --sources 10 --seconds "${SECONDS_PER_PHASE:-30}" \
  --out "$out/bench-stream.json" >"$out/bench-stream.txt" 2>"$out/bench-stream.err"
emit "bench-stream small" "$(cat "$out/bench-stream.json")"
