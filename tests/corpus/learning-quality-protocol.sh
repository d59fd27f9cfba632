#!/usr/bin/env bash
# The learning-quality protocol, end to end, on a speech corpus made here:
#   1. make-speech-corpus.sh writes labelled speech (clean and noisy copies)      -> OUTDIR/corpus
#   2. cpcstream demo learns from one copy, looping it, for --duration            -> OUTDIR/checkpoints
#      (every checkpoint the run writes is also copied aside for the learning curve -> OUTDIR/checkpoints-all)
#   3. embed with the newest checkpoint; baselines: mfcc, logmel, and the same model untrained (random)
#                                                                                 -> OUTDIR/embeddings/*.jsonl
#   4. evaluate (linear probe on speaker, split by sentence) and diagnose each one,
#      the learning curve over the run's checkpoints, and a summary table         -> OUTDIR/results
#
# Usage: learning-quality-protocol.sh [--duration TIME] [--speakers N] [--sentences M] [--preset NAME]
#                                     [--copy clean|noisy] OUTDIR
#   --duration TIME  how long demo learns, e.g. 90s or 20m (default: 10m)
#   --speakers N, --sentences M  corpus size, as make-speech-corpus.sh takes them (default: all)
#   --preset NAME    model preset (default: small)
#   --copy           which copy of the corpus to learn from and probe (default: clean)
# A corpus already in OUTDIR/corpus is reused.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cpcstream="$here/../../cpcstream"
LABEL=speaker

duration=10m
preset=small
copy=clean
corpus_options=()
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --speakers|--sentences) corpus_options+=("$1" "$2"); shift 2 ;;
    --preset) preset="$2"; shift 2 ;;
    --copy) copy="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "learning-quality-protocol: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
[[ -n "$out" ]] || { echo "usage: learning-quality-protocol.sh [options] OUTDIR (see --help)" >&2; exit 2; }
[[ "$copy" == clean || "$copy" == noisy ]] || { echo "learning-quality-protocol: --copy clean or noisy" >&2; exit 2; }

audio="$out/corpus/$copy"
labels="$audio/labels.csv"
checkpoints="$out/checkpoints"
kept="$out/checkpoints-all"
embeddings="$out/embeddings"
results="$out/results"
mkdir -p "$checkpoints" "$kept" "$embeddings" "$results"

step() { echo "== $*" >&2; }

if [[ ! -f "$labels" ]]; then
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

step "demo: learning from $audio for $duration (preset $preset)"
"$cpcstream" demo --source "wav:$audio" --loop --duration "$duration" --preset "$preset" \
  --checkpoint-dir "$checkpoints" > "$results/demo-summary.json" &
demo=$!
while kill -0 "$demo" 2>/dev/null; do
  keep_checkpoints
  sleep 2
done
wait "$demo"
keep_checkpoints

step "embeddings and baselines"
newest=$(ls "$checkpoints"/checkpoint-*.avro | sort | tail -n 1)
"$cpcstream" embed --checkpoint "$newest" --source "wav:$audio" --out "$embeddings/cpc.jsonl"
"$cpcstream" baseline --source "wav:$audio" --kind random --like "$newest" --out "$embeddings/random.jsonl"
for kind in mfcc logmel; do
  "$cpcstream" baseline --source "wav:$audio" --kind "$kind" --out "$embeddings/$kind.jsonl"
done

step "evaluation"
names=(cpc random mfcc logmel)
for name in "${names[@]}"; do
  "$cpcstream" evaluate --embeddings "$embeddings/$name.jsonl" --labels "$labels" --label "$LABEL" \
    --json "$results/$name-probe.json" > "$results/$name-probe.txt"
  "$cpcstream" diagnose --embeddings "$embeddings/$name.jsonl" --labels "$labels" --label "$LABEL" \
    --json "$results/$name-diagnostics.json" > "$results/$name-diagnostics.txt"
done
"$cpcstream" learning-curve --checkpoints "$kept" --source "wav:$audio" --labels "$labels" --label "$LABEL" \
  --baseline "mfcc=$embeddings/mfcc.jsonl" --baseline "logmel=$embeddings/logmel.jsonl" --out "$results" > /dev/null

# One row per representation, read back from the tables evaluate and diagnose printed: value FILE KEY prints the
# first word after "  KEY" at the start of a line.
value() {
  awk -v key="$2" 'index($0, "  " key " ") == 1 { sub("^  " key " +", ""); split($0, v, " "); print v[1] }' "$1"
}
{
  echo "| embeddings | D | $LABEL accuracy | macro-F1 | majority chance | alignment | uniformity | effective rank |"
  echo "|---|---|---|---|---|---|---|---|"
  for name in "${names[@]}"; do
    probe="$results/$name-probe.txt"
    diagnostics="$results/$name-diagnostics.txt"
    dimension=$(sed -n 's/.*; D = \([0-9]*\).*/\1/p' "$probe")
    chance=$(sed -n 's/.*uniform, \([0-9.]*\) majority.*/\1/p' "$probe")
    echo "| $name | $dimension | $(value "$probe" accuracy) | $(value "$probe" macro-F1) | $chance |" \
      "$(value "$diagnostics" alignment) | $(value "$diagnostics" uniformity) |" \
      "$(value "$diagnostics" 'effective rank') |"
  done
  echo
  echo "demo: $(cat "$results/demo-summary.json")"
  echo "learning curve: $results/learning-curve.csv, $results/learning-curve.png"
} | tee "$results/summary.md"
