#!/usr/bin/env bash
# The learning-quality protocol, end to end, on a speech corpus made here:
#   1. make-speech-corpus.sh writes labelled speech (clean and noisy copies)      -> OUTDIR/corpus
#   2. cpcstream demo learns from the copies named by --learn, one after the other, each looped for its share of
#      --duration; every phase resumes from the checkpoint the one before left     -> OUTDIR/checkpoints
#      (every checkpoint the run writes is also copied aside for the learning curve -> OUTDIR/checkpoints-all)
#   3. for each copy learned from: embed with the newest checkpoint; baselines: mfcc, logmel, and the same model
#      untrained (random)                                                        -> OUTDIR/embeddings/COPY/*.jsonl
#   4. evaluate (linear probe on speaker, split by sentence) and diagnose each one, a learning curve over the run's
#      checkpoints per copy, and a summary table                                  -> OUTDIR/results
#
# Usage: learning-quality-protocol.sh [--duration TIME] [--learn COPIES] [--speakers N] [--sentences M]
#                                     [--preset NAME] [--set KEY=VALUE ...] OUTDIR
#   --duration TIME  wall-clock learning budget in all, Ns or Nm (default: 15m)
#   --learn COPIES   clean, noisy, or a comma-separated sequence such as clean,noisy: a stream that drifts from
#                    one copy to the next halfway (default: noisy)
#   --speakers N, --sentences M  corpus size, as make-speech-corpus.sh takes them (default: all)
#   --preset NAME    model preset (default: small)
#   --set KEY=VALUE  model override passed to demo (repeatable), e.g. --set prototypes=32
#   --curve-points N at most N checkpoints on the learning curve, evenly spread, the newest always (default: 8);
#                    each point embeds the whole corpus once
# A corpus already in OUTDIR/corpus is reused.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cpcstream="$here/../../cpcstream"
LABEL=speaker

duration=15m
learn=noisy
preset=small
curve_points=8
corpus_options=()
model_options=()
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --learn) learn="$2"; shift 2 ;;
    --speakers|--sentences) corpus_options+=("$1" "$2"); shift 2 ;;
    --preset) preset="$2"; shift 2 ;;
    --set) model_options+=(--set "$2"); shift 2 ;;
    --curve-points) curve_points="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "learning-quality-protocol: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
[[ -n "$out" ]] || { echo "usage: learning-quality-protocol.sh [options] OUTDIR (see --help)" >&2; exit 2; }
IFS=, read -r -a phases <<< "$learn"
for copy in "${phases[@]}"; do
  [[ "$copy" == clean || "$copy" == noisy ]] || { echo "learning-quality-protocol: --learn takes clean and noisy" >&2; exit 2; }
done
case "$duration" in
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *) echo "learning-quality-protocol: --duration is Ns or Nm, got $duration" >&2; exit 2 ;;
esac
phase_seconds=$(( seconds / ${#phases[@]} ))
# each copy once, in the order first learned: the copies the results are reported on
mapfile -t copies < <(printf '%s\n' "${phases[@]}" | awk '!seen[$0]++')

checkpoints="$out/checkpoints"
kept="$out/checkpoints-all"
results="$out/results"
rm -rf "$checkpoints" "$kept"      # a run that resumed an old one would not measure this budget
mkdir -p "$checkpoints" "$kept" "$results"

step() { echo "== $(date +%T) $*" >&2; }

if [[ ! -f "$out/corpus/clean/labels.csv" ]]; then
  step "corpus"
  "$here/make-speech-corpus.sh" "${corpus_options[@]}" "$out/corpus"
fi

# The run keeps only its newest few checkpoints; copy each one aside as it appears. Files are moved into place
# whole, so a copy is never half a checkpoint; one deleted between listing and copying is simply missed.
keep_checkpoints() {
  local file
  for file in "$checkpoints"/checkpoint-*.avro; do
    [[ -e "$file" && ! -e "$kept/${file##*/}" ]] && cp "$file" "$kept/" 2>/dev/null || true
  done
}

for i in "${!phases[@]}"; do
  audio="$out/corpus/${phases[$i]}"
  step "demo phase $((i + 1))/${#phases[@]}: learning from $audio for ${phase_seconds}s (preset $preset ${model_options[*]})"
  "$cpcstream" demo --source "wav:$audio" --loop --duration "${phase_seconds}s" --preset "$preset" \
    "${model_options[@]}" --checkpoint-dir "$checkpoints" > "$results/demo-phase-$((i + 1)).json" &
  demo=$!
  while kill -0 "$demo" 2>/dev/null; do
    keep_checkpoints
    sleep 2
  done
  wait "$demo"
  keep_checkpoints
done
newest=$(ls "$checkpoints"/checkpoint-*.avro | sort -V | tail -n 1)
# Thin the kept checkpoints to --curve-points, evenly spread over the run, keeping the newest.
mapfile -t all_kept < <(ls "$kept"/checkpoint-*.avro | sort -V)
stride=$(( (${#all_kept[@]} + curve_points - 1) / curve_points ))
for i in "${!all_kept[@]}"; do
  (( (${#all_kept[@]} - 1 - i) % stride == 0 )) || rm "${all_kept[$i]}"
done

names=(cpc random mfcc logmel)
for copy in "${copies[@]}"; do
  audio="$out/corpus/$copy"
  embeddings="$out/embeddings/$copy"
  mkdir -p "$embeddings"
  step "$copy: embeddings and baselines"
  "$cpcstream" embed --checkpoint "$newest" --source "wav:$audio" --out "$embeddings/cpc.jsonl"
  "$cpcstream" baseline --source "wav:$audio" --kind random --like "$newest" --out "$embeddings/random.jsonl"
  for kind in mfcc logmel; do
    "$cpcstream" baseline --source "wav:$audio" --kind "$kind" --out "$embeddings/$kind.jsonl"
  done
  step "$copy: evaluation"
  for name in "${names[@]}"; do
    "$cpcstream" evaluate --embeddings "$embeddings/$name.jsonl" --labels "$audio/labels.csv" --label "$LABEL" \
      --json "$results/$copy-$name-probe.json" > "$results/$copy-$name-probe.txt"
    "$cpcstream" diagnose --embeddings "$embeddings/$name.jsonl" --labels "$audio/labels.csv" --label "$LABEL" \
      --json "$results/$copy-$name-diagnostics.json" > "$results/$copy-$name-diagnostics.txt"
  done
  step "$copy: learning curve"
  mkdir -p "$results/$copy"
  "$cpcstream" learning-curve --checkpoints "$kept" --source "wav:$audio" --labels "$audio/labels.csv" \
    --label "$LABEL" --baseline "mfcc=$embeddings/mfcc.jsonl" --baseline "logmel=$embeddings/logmel.jsonl" \
    --out "$results/$copy" > /dev/null
done

# One row per copy and representation, read back from the tables evaluate and diagnose printed: value FILE KEY
# prints the first word after "  KEY" at the start of a line.
value() {
  awk -v key="$2" 'index($0, "  " key " ") == 1 { sub("^  " key " +", ""); split($0, v, " "); print v[1] }' "$1"
}
{
  echo "learned from: ${phases[*]} (${phase_seconds}s each), preset $preset ${model_options[*]}"
  echo
  echo "| probed on | embeddings | D | $LABEL accuracy | macro-F1 | majority chance | alignment | uniformity | effective rank |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for copy in "${copies[@]}"; do
    for name in "${names[@]}"; do
      probe="$results/$copy-$name-probe.txt"
      diagnostics="$results/$copy-$name-diagnostics.txt"
      dimension=$(sed -n 's/.*; D = \([0-9]*\).*/\1/p' "$probe")
      chance=$(sed -n 's/.*uniform, \([0-9.]*\) majority.*/\1/p' "$probe")
      echo "| $copy | $name | $dimension | $(value "$probe" accuracy) | $(value "$probe" macro-F1) | $chance |" \
        "$(value "$diagnostics" alignment) | $(value "$diagnostics" uniformity) |" \
        "$(value "$diagnostics" 'effective rank') |"
    done
  done
  echo
  for i in "${!phases[@]}"; do
    echo "demo phase $((i + 1)) (${phases[$i]}): $(cat "$results/demo-phase-$((i + 1)).json")"
  done
  for copy in "${copies[@]}"; do
    echo "learning curve probed on $copy: $results/$copy/learning-curve.csv, $results/$copy/learning-curve.png"
  done
} | tee "$results/summary.md"
