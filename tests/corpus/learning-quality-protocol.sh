#!/usr/bin/env bash
# The learning-quality protocol, end to end, on every task (or those --tasks names), each with the same budget:
#   speakers       make-speech-corpus.sh: 12 espeak-ng speakers in several languages, probed on speaker
#   hard-speakers  make-speech-corpus.sh --hard: 24 English speakers close in pitch, harsher degradations
#   sounds         make-sounds-corpus.sh: drum, percussion and desktop sounds, probed on class, split by sample group
# For each TASK:
#   1. its corpus, made here unless already there                                  -> OUTDIR/corpus/TASK
#   2. cpcstream demo learns from the copies --learn names (the sounds task: its one copy, "all", as events: short
#      sounds one after another with pauses), one after the other, each looped for its share of --duration; every
#      phase resumes from the one before's checkpoint
#                                                                                  -> OUTDIR/TASK/checkpoints
#      (every checkpoint is also copied aside for the learning curve               -> OUTDIR/TASK/checkpoints-all)
#      The result is the newest checkpoint taken within --duration of the start: the demo's drain may train on
#      after it, on windows already sent, and that is not the budget's      -> OUTDIR/TASK/budget-checkpoint.avro (.txt: its name)
#      With --instances N >= 2, a broker, N `run` instances of one application and `produce --loop` instead of
#      demo (learn-through-instances.sh); the result is the snapshot of the weights a follower instance embedded
#      with at the end of --duration                        -> OUTDIR/TASK/instances/served-snapshot.avro (served.json)
#   3. for each copy learned from: embed with the budget's checkpoint (or the served snapshot); baselines: the same
#      model untrained (random), mfcc, logmel                                      -> OUTDIR/TASK/embeddings/COPY
#   4. evaluate (linear probe: accuracy, macro-F1, confusion matrix; and cross-validated over 4 folds of sentences or
#      sample groups, every file scored once) and diagnose each one, a learning curve over the run's checkpoints
#      against the baselines (CSV and PNG), the task's table                        -> OUTDIR/TASK/results
# and last the tables of every task run, one after the other                       -> OUTDIR/summary.md
#
# Usage: learning-quality-protocol.sh [--tasks LIST] [--duration TIME] [--learn COPIES] [--speakers N]
#                                     [--sentences M] [--preset NAME] [--set KEY=VALUE ...] [--app KEY=VALUE ...]
#                                     [--curve-points N] [--instances N] [--signal-rate R] OUTDIR
#   --tasks LIST     comma-separated, from speakers, hard-speakers, sounds (default: all three)
#   --duration TIME  wall-clock learning budget of each task, Ns or Nm (default: 15m)
#   --learn COPIES   for the speaker tasks: clean, noisy, or a comma-separated sequence such as clean,noisy: a
#                    stream that drifts from one copy to the next halfway (default: noisy)
#   --speakers N, --sentences M  speaker corpus size, as make-speech-corpus.sh takes them (default: all)
#   --preset NAME    model preset (default: the CLI default)
#   --frame-duration TIME  signal per frame record, as demo takes it (default: 160ms: a device's 160 ms buffers;
#                    10 ms records cost the pipeline more per second of audio than the model does)
#   --set KEY=VALUE  model override passed to demo or the instances (repeatable), e.g. --set prototypes=32
#   --app KEY=VALUE  application setting passed to demo or the instances (repeatable), e.g. --app cpc.batch.windows=16
#   --curve-points N at most N checkpoints on each learning curve, evenly spread, the newest always (default: 8);
#                    each point embeds the whole corpus once
#   --instances N    learn through N `cpcstream run` processes instead of demo (default: 1, demo)
#   --signal-rate R  with --instances: seconds of signal sent per second over all sources (default: 60, what the
#                    demo's trainer took in alone; docs/evaluation.md, "Through two instances")
# The whole protocol, 15 minutes of learning per task (about an hour and a half in all on 2 cores):
#   tests/corpus/learning-quality-protocol.sh /tmp/protocol
# CPCSTREAM names the CLI to run (default: the cpcstream script of this checkout).
# Needs the corpus scripts' packages: apt-get install espeak-ng flite sox hydrogen-drumkits
#   sound-theme-freedesktop deepin-sound-theme oxygen-sounds
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cpcstream="${CPCSTREAM:-$here/../../cpcstream}"
TASKS=(speakers hard-speakers sounds)
REPRESENTATIONS=(cpc random mfcc logmel)
# the cross-validated probe's folds: the speech corpora's 24 sentences give 6 a fold, as their test split holds
FOLDS=4

tasks=$(IFS=,; echo "${TASKS[*]}")
duration=15m
learn=noisy
preset_options=()
frame_duration=160ms
curve_points=8
instances=1
signal_rate=60
speech_options=()
model_options=()
app_options=()
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tasks) tasks="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --learn) learn="$2"; shift 2 ;;
    --speakers|--sentences) speech_options+=("$1" "$2"); shift 2 ;;
    --preset) preset_options=(--preset "$2"); shift 2 ;;
    --frame-duration) frame_duration="$2"; shift 2 ;;
    --set) model_options+=(--set "$2"); shift 2 ;;
    --app) app_options+=(--app "$2"); shift 2 ;;
    --curve-points) curve_points="$2"; shift 2 ;;
    --instances) instances="$2"; shift 2 ;;
    --signal-rate) signal_rate="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "learning-quality-protocol: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
fail() { echo "learning-quality-protocol: $*" >&2; exit 2; }
[[ -n "$out" ]] || fail "usage: learning-quality-protocol.sh [options] OUTDIR (see --help)"
[[ "$instances" =~ ^[1-9][0-9]*$ ]] || fail "--instances takes a number >= 1, got $instances"
IFS=, read -r -a chosen_tasks <<< "$tasks"
for task in "${chosen_tasks[@]}"; do
  [[ " ${TASKS[*]} " == *" $task "* ]] || fail "--tasks takes ${TASKS[*]}; got $task"
done
IFS=, read -r -a speech_phases <<< "$learn"
for copy in "${speech_phases[@]}"; do
  [[ "$copy" == clean || "$copy" == noisy ]] || fail "--learn takes clean and noisy"
done
case "$duration" in
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *) fail "--duration is Ns or Nm, got $duration" ;;
esac

settings="preset ${preset_options[1]:-the CLI default}, $frame_duration frames${model_options[*]:+, ${model_options[*]}}${app_options[*]:+, ${app_options[*]}}"
(( instances == 1 )) || settings+=", through $instances instances at $signal_rate s of signal per second"

step() { echo "== $(date +%T) $*" >&2; }

# usage: label_of TASK ; the labels.csv column the task's probe predicts.
label_of() {
  case "$1" in
    sounds) echo class ;;
    *) echo speaker ;;
  esac
}

# usage: group_of TASK ; the labels.csv column whose files stay in one fold of the cross-validated probe: a
# sentence (every speaker reads it), a sample and its pitched and gained copies.
group_of() {
  case "$1" in
    sounds) echo group ;;
    *) echo sentence_id ;;
  esac
}

# usage: phases_of TASK ; the corpus copies the task learns from, in order, one a line.
phases_of() {
  case "$1" in
    sounds) echo all ;;
    *) printf '%s\n' "${speech_phases[@]}" ;;
  esac
}

# usage: learning_source_of TASK DIR ; what demo learns from: the speech files, each a source looped; the sounds
# one after another with pauses (events:), since a looped short file repeats itself and its future is too easy.
learning_source_of() {
  case "$1" in
    sounds) echo "events:$2" ;;
    *) echo "wav:$2" ;;
  esac
}

# usage: make_corpus TASK DIR ; DIR/COPY/{*.wav,labels.csv}, unless DIR already has a copy with labels.
make_corpus() {
  local task="$1" dir="$2"
  compgen -G "$dir/*/labels.csv" >/dev/null && return
  step "$task: corpus"
  case "$task" in
    speakers) "$here/make-speech-corpus.sh" "${speech_options[@]}" "$dir" ;;
    hard-speakers) "$here/make-speech-corpus.sh" --hard "${speech_options[@]}" "$dir" ;;
    sounds) "$here/make-sounds-corpus.sh" "$dir/all" ;;
  esac
}

# The run keeps only its newest few checkpoints; copy each one aside as it appears. Files are moved into place
# whole, so a copy is never half a checkpoint; one deleted between listing and copying is simply missed.
keep_checkpoints() {
  local checkpoints="$1" kept="$2" file
  for file in "$checkpoints"/checkpoint-*.avro; do
    [[ -e "$file" && ! -e "$kept/${file##*/}" ]] && cp "$file" "$kept/" 2>/dev/null || true
  done
}

# usage: keep_checkpoints_while PID RUN ; the run's checkpoints copied aside until PID ends; PID's exit status.
keep_checkpoints_while() {
  local pid="$1" run="$2"
  while kill -0 "$pid" 2>/dev/null; do
    keep_checkpoints "$run/checkpoints" "$run/checkpoints-all"
    sleep 2
  done
  keep_checkpoints "$run/checkpoints" "$run/checkpoints-all"
  wait "$pid"
}

# usage: learn_with_demo TASK CORPUS RUN PHASE... ; demo on each copy in turn for its share of the budget.
learn_with_demo() {
  local task="$1" corpus="$2" run="$3" i
  shift 3
  local phases=("$@") phase_seconds=$(( seconds / $# ))
  for i in "${!phases[@]}"; do
    step "$task: demo phase $((i + 1))/${#phases[@]}: learning from $corpus/${phases[$i]} for ${phase_seconds}s" \
      "($settings)"
    "$cpcstream" demo --source "$(learning_source_of "$task" "$corpus/${phases[$i]}")" --loop --duration "${phase_seconds}s" \
      --frame-duration "$frame_duration" "${preset_options[@]}" \
      "${model_options[@]}" "${app_options[@]}" --checkpoint-dir "$run/checkpoints" > "$run/results/demo-phase-$((i + 1)).json" &
    keep_checkpoints_while $! "$run" \
      || step "$task: demo phase $((i + 1)) failed (its last lines above); its checkpoints still count"
  done
}

# usage: learn_through_instances TASK CORPUS RUN DEADLINE PHASE... ; the copies in turn through a broker and
# --instances run processes until DEADLINE, and the snapshot a follower served then (learn-through-instances.sh).
learn_through_instances() {
  local task="$1" corpus="$2" run="$3" deadline="$4" phase copies=()
  shift 4
  for phase in "$@"; do
    copies+=("$corpus/$phase")
  done
  step "$task: learning from $* through $instances instances until $(date -d "@$deadline" +%T) ($settings)"
  "$here/learn-through-instances.sh" --instances "$instances" --deadline "$deadline" --signal-rate "$signal_rate" \
    --frame-duration "$frame_duration" "${preset_options[@]}" "${model_options[@]}" "${app_options[@]}" \
    --checkpoint-dir "$run/checkpoints" --out "$run/instances" "${copies[@]}" &
  keep_checkpoints_while $! "$run" || fail "$task: learning through instances failed (logs in $run/instances)"
}

# usage: learn TASK CORPUS RUN PHASE... ; demo (or --instances) on each copy in turn for its share of the budget,
# the budget's checkpoint set aside, then the kept checkpoints thinned to --curve-points, evenly spread over the
# run, the newest kept.
learn() {
  local task="$1" corpus="$2" run="$3" i stride kept_files deadline
  shift 3
  deadline=$(( $(date +%s) + seconds ))
  # a run that resumed an old one would not measure this budget
  rm -rf "$run/checkpoints" "$run/checkpoints-all" "$run/budget-checkpoint".* "$run/instances"
  mkdir -p "$run/checkpoints" "$run/checkpoints-all" "$run/results"
  if (( instances == 1 )); then
    learn_with_demo "$task" "$corpus" "$run" "$@"
  else
    learn_through_instances "$task" "$corpus" "$run" "$deadline" "$@"
  fi
  mapfile -t kept_files < <(ls "$run/checkpoints-all"/checkpoint-*.avro | sort -V)
  # copies are made within seconds of each checkpoint, so a copy's time is when its checkpoint was taken
  for i in "${!kept_files[@]}"; do
    if (( $(stat -c %Y "${kept_files[$i]}") <= deadline )); then
      cp "${kept_files[$i]}" "$run/budget-checkpoint.avro"
      echo "${kept_files[$i]##*/}" > "$run/budget-checkpoint.txt"
    fi
  done
  # through instances the result is the snapshot served, and the checkpoints only draw the learning curve
  (( instances > 1 )) || [[ -e "$run/budget-checkpoint.avro" ]] \
    || fail "$task: no checkpoint was taken within ${seconds}s"
  stride=$(( (${#kept_files[@]} + curve_points - 1) / curve_points ))
  for i in "${!kept_files[@]}"; do
    (( (${#kept_files[@]} - 1 - i) % stride == 0 )) || rm "${kept_files[$i]}"
  done
}

# usage: probed_model RUN ; the budget's checkpoint, or through instances the snapshot a follower served.
probed_model() {
  if (( instances == 1 )); then
    echo "$1/budget-checkpoint.avro"
  else
    echo "$1/instances/served-snapshot.avro"
  fi
}

# usage: probe TASK AUDIO RUN COPY ; embeddings and baselines of one copy, each probed and diagnosed, and the
# learning curve against the baselines.
probe() {
  local task="$1" audio="$2" run="$3" copy="$4" label newest embeddings results name kind
  label=$(label_of "$task")
  newest=$(probed_model "$run")
  embeddings="$run/embeddings/$copy"
  results="$run/results"
  mkdir -p "$embeddings" "$results/$copy"
  step "$task/$copy: embeddings and baselines"
  "$cpcstream" embed --checkpoint "$newest" --source "wav:$audio" --out "$embeddings/cpc.jsonl"
  "$cpcstream" baseline --source "wav:$audio" --kind random --like "$newest" --out "$embeddings/random.jsonl"
  for kind in mfcc logmel; do
    "$cpcstream" baseline --source "wav:$audio" --kind "$kind" --out "$embeddings/$kind.jsonl"
  done
  step "$task/$copy: evaluation"
  for name in "${REPRESENTATIONS[@]}"; do
    "$cpcstream" evaluate --embeddings "$embeddings/$name.jsonl" --labels "$audio/labels.csv" --label "$label" \
      --folds "$FOLDS" --group "$(group_of "$task")" --json "$results/$copy-$name-probe.json" \
      > "$results/$copy-$name-probe.txt"
    "$cpcstream" diagnose --embeddings "$embeddings/$name.jsonl" --labels "$audio/labels.csv" --label "$label" \
      --json "$results/$copy-$name-diagnostics.json" > "$results/$copy-$name-diagnostics.txt"
  done
  step "$task/$copy: learning curve"
  "$cpcstream" learning-curve --checkpoints "$run/checkpoints-all" --source "wav:$audio" \
    --labels "$audio/labels.csv" --label "$label" --folds "$FOLDS" --group "$(group_of "$task")" \
    --baseline "random=$embeddings/random.jsonl" \
    --baseline "mfcc=$embeddings/mfcc.jsonl" --baseline "logmel=$embeddings/logmel.jsonl" \
    --out "$results/$copy" > /dev/null
}

# usage: json_field FILE KEY ; KEY's number or string in the one-line JSON object of FILE.
json_field() {
  sed -nE "s/.*\"$2\":\"?([^,\"]*).*/\1/p" "$1"
}

# usage: served_summary DIR ; what learn-through-instances.sh wrote to DIR, as the table's notes.
served_summary() {
  local served="$1/served.json" file
  echo "- probed: the snapshot of model version $(json_field "$served" snapshotVersion) (step" \
    "$(json_field "$1/snapshot.json" step)), $(json_field "$served" snapshot); at the budget end" \
    "$(json_field "$served" follower), a follower, embedded with version $(json_field "$served" servedVersion)," \
    "the trainer ($(json_field "$served" trainer)) was at $(json_field "$served" trainerVersion)"
  echo "- at the budget end: $(cat "$served")"
  for file in "$1"/produce-*.json "$1"/run-*.json; do
    echo "- ${file##*/}: $(cat "$file")"
  done
}

# value FILE KEY: the first word after "  KEY" at the start of a line of the tables evaluate and diagnose print.
value() {
  awk -v key="$2" 'index($0, "  " key " ") == 1 { sub("^  " key " +", ""); split($0, v, " "); print v[1] }' "$1"
}

# usage: table TASK RUN COPY... ; the task's results as markdown: one row per copy and representation.
table() {
  local task="$1" run="$2" copy name probe diagnostics dimension chance folds spread file phase=0
  shift 2
  echo "### $task: probe on '$(label_of "$task")' after ${seconds}s of learning, $settings"
  echo
  echo "| probed on | embeddings | D | accuracy | macro-F1 | accuracy, $FOLDS folds (spread) | chance (uniform / majority)" \
    "| alignment | uniformity | effective rank |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for copy in "$@"; do
    for name in "${REPRESENTATIONS[@]}"; do
      probe="$run/results/$copy-$name-probe.txt"
      diagnostics="$run/results/$copy-$name-diagnostics.txt"
      dimension=$(sed -n 's/.*; D = \([0-9]*\).*/\1/p' "$probe")
      chance=$(sed -n 's/.*chance *\([0-9.]*\) uniform, \([0-9.]*\) majority.*/\1 \/ \2/p' "$probe")
      folds=$(sed -n "s/.*cross-validated over .*: accuracy \([0-9.]*\),.*/\1/p" "$probe")
      spread=$(sed -n 's/^  fold accuracies //p' "$probe" | tr -d ',' | tr ' ' '\n' | sort -n | sed -n '1p;$p' | paste -sd-)
      echo "| $copy | $name | $dimension | $(value "$probe" accuracy) | $(value "$probe" macro-F1) | $folds ($spread) |" \
        "$chance |" \
        "$(value "$diagnostics" alignment) | $(value "$diagnostics" uniformity) |" \
        "$(value "$diagnostics" 'effective rank') |"
    done
  done
  echo
  if (( instances == 1 )); then
    echo "- probed: $(cat "$run/budget-checkpoint.txt"), the newest checkpoint taken within the budget"
    for file in "$run"/results/demo-phase-*.json; do
      phase=$((phase + 1))
      echo "- demo phase $phase: $(cat "$file")"
    done
  else
    served_summary "$run/instances"
  fi
  for copy in "$@"; do
    echo "- $copy: learning curve $run/results/$copy/learning-curve.png (.csv); confusion matrices in" \
      "$run/results/$copy-*-probe.txt"
  done
  echo
}

# usage: run_task TASK ; the four steps of the header for one task, its table in OUTDIR/TASK/results/summary.md.
run_task() {
  local task="$1" corpus="$out/corpus/$1" run="$out/$1" phases copies copy
  mapfile -t phases < <(phases_of "$task")
  mapfile -t copies < <(printf '%s\n' "${phases[@]}" | awk '!seen[$0]++')   # each once, in the order first learned
  make_corpus "$task" "$corpus"
  learn "$task" "$corpus" "$run" "${phases[@]}"
  for copy in "${copies[@]}"; do
    probe "$task" "$corpus/$copy" "$run" "$copy"
  done
  table "$task" "$run" "${copies[@]}" > "$run/results/summary.md"
}

mkdir -p "$out"
for task in "${chosen_tasks[@]}"; do
  run_task "$task"
done
{
  echo "## Learning-quality protocol: ${chosen_tasks[*]}"
  echo
  for task in "${chosen_tasks[@]}"; do
    cat "$out/$task/results/summary.md"
  done
} | tee "$out/summary.md"
