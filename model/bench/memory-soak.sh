#!/usr/bin/env bash
# Trains the benchmark's step (bench-model, ModelBenchmark) for many steps and records the process's resident memory
# after each one, to check that ND4J's off-heap use stays flat over a long training loop. Writes
#   $OUT/steps.csv     step, train_ms, rss_mb (VmRSS after the step)
#   $OUT/summary.json  RSS after the first 10% of the steps, at the end and at most; the growth over the second half
#                      (least squares, MB per 100 steps); and the benchmark's own JSON line
# Runs `./cpcstream bench-model`, which builds the runnable jar on first use.
#
# Usage: model/bench/memory-soak.sh [bench-model flags...]
#        (defaults: the small preset's shapes, B=8, 1000 steps, 1 thread)
# Environment: OUT=model/target/bench-memory, JAVA_OPTS (JVM flags over the launcher's, as for ./cpcstream).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out=${OUT:-$root/model/target/bench-memory}
flags=("$@")
[[ ${#flags[@]} -gt 0 ]] || flags=(--channels 128 --hidden 128 --window 10240 --batch 8 --steps 1000 --warmup 0 --threads 1)

mkdir -p "$out"

# the benchmark prints "train i/n: <ms> ms, rss <MB> MB" to stderr after every step; tee it as progress
JAVA_OPTS="${JAVA_OPTS:-} -Dorg.bytedeco.javacpp.platform.extension=-onednn" \
    "$root/cpcstream" bench-model "${flags[@]}" 2> >(tee "$out/stderr.txt" | grep --line-buffered -E '^train [0-9]+/[0-9]+: ' \
    | awk '{ split($2, s, "/"); if (s[1] % 50 == 0) { print "step " s[1] ": " $3 " ms, rss " $6 " MB"; fflush() } }' >&2) \
    | tail -n 1 > "$out/bench.json" || { tail -n 20 "$out/stderr.txt" >&2; exit 1; }

echo "step,train_ms,rss_mb" > "$out/steps.csv"
grep -E '^train [0-9]+/[0-9]+: ' "$out/stderr.txt" | awk '{ split($2, s, "/"); print s[1] "," $3 "," $6 }' >> "$out/steps.csv"

awk -F, 'NR > 1 { step[NR-1] = $1; rss[NR-1] = $3; n = NR - 1 }
  END {
    settled = rss[int(n / 10) > 0 ? int(n / 10) : 1]; max = 0
    for (i = 1; i <= n; i++) if (rss[i] > max) max = rss[i]
    # least-squares slope of RSS against step over the second half
    for (i = int(n / 2) + 1; i <= n; i++) { m++; sx += step[i]; sy += rss[i]; sxx += step[i] * step[i]; sxy += step[i] * rss[i] }
    slope = (m * sxy - sx * sy) / (m * sxx - sx * sx)
    printf "{\"steps\": %d, \"rss_mb_after_first_tenth\": %d, \"rss_mb_end\": %d, \"rss_mb_max\": %d, ", n, settled, rss[n], max
    printf "\"rss_growth_mb_per_100_steps_second_half\": %.2f}\n", 100 * slope
  }' "$out/steps.csv" | jq -c --slurpfile bench "$out/bench.json" '. + {bench: $bench[0]}' | tee "$out/summary.json"
