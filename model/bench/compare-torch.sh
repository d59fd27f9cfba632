#!/usr/bin/env bash
# Runs the model benchmark (bench-model, ModelBenchmark) and its PyTorch peer (../shared/bench/torch_cpc.py) on the
# same flags, alternating, once per OpenMP thread count and round, so a busy machine slows both alike, and writes
#   $OUT/runs.jsonl   one JSON line per run (the benchmark's own), plus "omp_threads" and "round"
#   $OUT/summary.csv  per implementation and thread count: medians over the rounds, the share of the in-process
#                     sgemm rate, and cpcstream's step time as a ratio of PyTorch's at the same thread count
# The Java side is `./cpcstream bench-model`, which builds the runnable jar on first use.
# PyTorch needs Debian's python3-torch and a real BLAS: apt-get install -y python3-torch libopenblas0-pthread
#
# Usage: model/bench/compare-torch.sh [shared flags...]      (defaults: the paper shapes, 10 timed steps after 3
#        warm-up steps, both peers' own defaults)
# Environment: THREADS="1 2", ROUNDS=2, OUT=model/target/bench-torch, TORCH_BENCH=../shared/bench/torch_cpc.py,
#              JAVA_OPTS (JVM flags over the launcher's, as for ./cpcstream).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
threads=(${THREADS:-1 2})
rounds=${ROUNDS:-2}
out=${OUT:-$root/model/target/bench-torch}
torch_bench=${TORCH_BENCH:-$root/../shared/bench/torch_cpc.py}
flags=("$@")

mkdir -p "$out"

run() {  # implementation, threads -> one JSON line
  if [[ $1 == pytorch ]]; then
    OMP_NUM_THREADS=$2 /usr/bin/python3 "$torch_bench" --threads "$2" ${flags[@]+"${flags[@]}"} 2>"$out/last-stderr.txt"
  else
    # -onednn: the classifier the project ships (several are on the classpath; JavaCPP would load the generic one)
    OMP_NUM_THREADS=$2 JAVA_OPTS="${JAVA_OPTS:-} -Dorg.bytedeco.javacpp.platform.extension=-onednn" \
        "$root/cpcstream" bench-model --threads "$2" ${flags[@]+"${flags[@]}"} 2>"$out/last-stderr.txt"
  fi | tail -n 1
}

: > "$out/runs.jsonl"
for round in $(seq 1 "$rounds"); do
  for t in "${threads[@]}"; do
    for impl in pytorch cpcstream-nd4j; do
      echo "round $round: $impl, $t thread(s)" >&2
      jq -c --argjson t "$t" --argjson r "$round" '. + {omp_threads: $t, round: $r}' <<<"$(run "$impl" "$t")" \
          >> "$out/runs.jsonl"
    done
  done
done

jq -r -s '
  def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def r2: (. * 100 | round) / 100;
  def r1: (. * 10 | round) / 10;
  group_by([.omp_threads, .impl]) | map({
      impl: .[0].impl, omp_threads: .[0].omp_threads, runs: length,
      train_ms: (map(.train_step_ms.median) | median), infer_ms: (map(.infer_ms.median) | median),
      share: (map(.achieved_gflops / .sgemm_gflops) | median),
      gflops: (map(.achieved_gflops) | median), sgemm: (map(.sgemm_gflops) | median),
      peak_rss_mb: (map(.peak_rss_mb // null) | max)}) as $rows
  | (["impl", "omp_threads", "runs", "train_ms", "train_ratio_to_pytorch", "infer_ms", "infer_ratio_to_pytorch",
      "achieved_gflops", "sgemm_gflops", "sgemm_share", "peak_rss_mb"] | @csv),
    ($rows[] | . as $row | ($rows[] | select(.impl == "pytorch" and .omp_threads == $row.omp_threads)) as $torch
      | [.impl, .omp_threads, .runs, (.train_ms | r1), (.train_ms / $torch.train_ms | r2), (.infer_ms | r1),
         (.infer_ms / $torch.infer_ms | r2), (.gflops | r1), (.sgemm | r1), (.share | r2), .peak_rss_mb] | @csv)
' "$out/runs.jsonl" | tee "$out/summary.csv"
