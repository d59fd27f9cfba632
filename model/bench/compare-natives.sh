#!/usr/bin/env bash
# Runs the model benchmark (bench-model, ModelBenchmark) once per native classifier of nd4j-native and per OpenMP
# thread count, round-robin over several rounds so a busy machine slows every variant alike, and writes
#   $OUT/runs.jsonl   one ModelBenchmark JSON line per run, plus "classifier", "omp_threads" and "round"
#   $OUT/summary.csv  per variant: medians over the rounds and ratios against the first variant
# Runs bench-model from the CLI module's classes (compiled here), not the runnable jar, which holds two classifiers.
#
# Usage: model/bench/compare-natives.sh [bench-model flags...]      (defaults: the paper shapes, --steps 5 --warmup 2)
# Environment: CLASSIFIERS="linux-x86_64 linux-x86_64-avx2 linux-x86_64-onednn", THREADS="1 2", ROUNDS=2,
#              OUT=model/target/bench-natives, JAVA_OPTS (JVM flags over the launcher's, as for ./cpcstream),
#              MAVEN_REPO=~/.m2/repository.
#
# With several classifier jars on the classpath JavaCPP loads the generic one unless
# -Dorg.bytedeco.javacpp.platform.extension names another; each run gets only its own jar plus the generic one
# (nd4j-native's POM always pulls that in) and the matching extension. The JSON's "native" field says which library
# the process actually mapped.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version=1.0.0-M2.1
classifiers=(${CLASSIFIERS:-linux-x86_64 linux-x86_64-avx2 linux-x86_64-onednn})
threads=(${THREADS:-1 2})
rounds=${ROUNDS:-2}
out=${OUT:-$root/model/target/bench-natives}
flags=("$@")
[[ ${#flags[@]} -gt 0 ]] || flags=(--steps 5 --warmup 2)
jvm_options="$root/streams/cli/src/main/jvm/jvm.options"

mkdir -p "$out"
repo=${MAVEN_REPO:-$HOME/.m2/repository}
# compiled in the same reactor, the project's own modules resolve to their target/classes
(cd "$root" && mvn -B -q -o -pl streams/cli -am test-compile dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$out/cp.txt" >&2)
# the CLI's classpath without any nd4j-native classifier jar: each run adds its own
base_cp=$(tr ':' '\n' < "$out/cp.txt" | grep -v -F "/nd4j-native-$version-linux-x86_64" | paste -sd: -)
generic="$repo/org/nd4j/nd4j-native/$version/nd4j-native-$version-linux-x86_64.jar"

jar_of() {
  local jar="$repo/org/nd4j/nd4j-native/$version/nd4j-native-$version-$1.jar"
  if [[ ! -f "$jar" ]]; then
    (cd "$root" && mvn -B -q dependency:get -Dartifact="org.nd4j:nd4j-native:$version:jar:$1" >&2)
  fi
  echo "$jar"
}

: > "$out/runs.jsonl"
for round in $(seq 1 "$rounds"); do
  for c in "${classifiers[@]}"; do
    jar=$(jar_of "$c")
    extension=()
    [[ $c == linux-x86_64 ]] || extension=(-Dorg.bytedeco.javacpp.platform.extension="${c#linux-x86_64}")
    for t in "${threads[@]}"; do
      echo "round $round: $c, $t thread(s)" >&2
      line=$(OMP_NUM_THREADS=$t java @"$jvm_options" ${JAVA_OPTS:-} "${extension[@]}" \
          -cp "$root/streams/cli/target/classes:$base_cp:$generic:$jar" \
          dev.cpcstream.streams.cli.CpcStreamCli bench-model --threads "$t" "${flags[@]}" 2>"$out/last-stderr.txt" | tail -n 1)
      jq -c --arg c "$c" --argjson t "$t" --argjson r "$round" \
          '. + {classifier: $c, omp_threads: $t, round: $r}' <<<"$line" >> "$out/runs.jsonl"
    done
  done
done

jq -r -s '
  def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  group_by([.classifier, .omp_threads]) | map({
      classifier: .[0].classifier, omp_threads: .[0].omp_threads, native: .[0].native, runs: length,
      train_ms: (map(.train_step_ms.median) | median), infer_ms: (map(.infer_ms.median) | median),
      gflops: (map(.achieved_gflops) | median), sgemm: (map(.sgemm_gflops) | median),
      peak_rss_mb: (map(.peak_rss_mb) | max)}) as $rows
  | ($rows[0].train_ms) as $ref
  | (["classifier", "omp_threads", "native", "runs", "train_ms", "train_ratio", "infer_ms", "achieved_gflops",
      "sgemm_gflops", "sgemm_share", "peak_rss_mb"] | @csv),
    ($rows[] | [.classifier, .omp_threads, .native, .runs, .train_ms, ((.train_ms / $ref * 100 | round) / 100),
      .infer_ms, .gflops, .sgemm, ((.gflops / .sgemm * 100 | round) / 100), .peak_rss_mb] | @csv)
' "$out/runs.jsonl" | tee "$out/summary.csv"
