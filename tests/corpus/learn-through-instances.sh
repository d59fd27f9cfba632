#!/usr/bin/env bash
# The learn phase of learning-quality-protocol.sh --instances N (N >= 2), as separate processes: one
# `cpcstream broker`, N `cpcstream run` instances of one application id, and `cpcstream produce --loop` on each
# corpus copy in turn, each copy for an equal share of the time left until --deadline. At the deadline it records
# the model version a follower (an instance that does not host the trainer task) embeds with, takes that very
# snapshot off the model topic, and stops every process with SIGTERM.
#
# Usage: learn-through-instances.sh --instances N --deadline EPOCH --checkpoint-dir DIR --out DIR
#                                   [--signal-rate R] [--frame-duration TIME] [--preset NAME] [--set KEY=VALUE ...] [--app KEY=VALUE ...]
#                                   COPY_DIR...
#   --deadline EPOCH     the budget's end, in seconds since the epoch
#   --checkpoint-dir DIR cpc.checkpoint.dir of every instance: whichever hosts the trainer task writes there, so the
#                        learning curve finds every checkpoint even if the task moves between instances
#   --signal-rate R      seconds of signal sent per wall-clock second over all sources of a copy (default: 60): each
#                        source goes at `produce --speed R/S`, S being the copy's files (see docs/evaluation.md)
#   --frame-duration, --preset, --set, --app  as for demo
# Writes into OUT: broker.log (the broker's data is deleted at the end); run-I.properties, run-I.log (stderr),
# run-I.json (the summary run prints on SIGTERM); produce-K.json and .log per copy; metrics-I.txt (each instance's
# /metrics at the deadline); served-snapshot.avro (the snapshot, for embed --checkpoint), snapshot.json (what
# `cpcstream snapshot` printed) and served.json: which instance trained and which one served, the version it
# served, the trainer's cpc_model_version, the steps applied, and what the trainer did with the windows (trained,
# stale), all at the deadline.
# CPCSTREAM names the CLI to run (default: the cpcstream script of this checkout).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cpcstream="${CPCSTREAM:-$here/../../cpcstream}"
APPLICATION_ID=cpcstream-quality-protocol
STARTUP_SECONDS=180
# run drains for at most a minute on SIGTERM, and then has a minute to close
STOP_SECONDS=150
SCRAPE_SECONDS=2

instances=""
deadline=""
checkpoints=""
out=""
signal_rate=60
frame_duration=160ms
preset_options=()
model_options=()
app_options=()
copies=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --instances) instances="$2"; shift 2 ;;
    --deadline) deadline="$2"; shift 2 ;;
    --checkpoint-dir) checkpoints="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --signal-rate) signal_rate="$2"; shift 2 ;;
    --frame-duration) frame_duration="$2"; shift 2 ;;
    --preset) preset_options=(--preset "$2"); shift 2 ;;
    --set) model_options+=(--set "$2"); shift 2 ;;
    --app) app_options+=(--app "$2"); shift 2 ;;
    -*) echo "learn-through-instances: unknown option $1" >&2; exit 2 ;;
    *) copies+=("$1"); shift ;;
  esac
done
fail() { echo "learn-through-instances: $*" >&2; exit 2; }
[[ "$instances" =~ ^[0-9]+$ ]] && (( instances >= 2 )) || fail "--instances takes a number >= 2"
[[ -n "$deadline" && -n "$checkpoints" && -n "$out" && ${#copies[@]} -gt 0 ]] \
  || fail "usage: learn-through-instances.sh --instances N --deadline EPOCH --checkpoint-dir DIR --out DIR COPY_DIR..."

step() { echo "== $(date +%T) $*" >&2; }

# Environment settings would override the config files the instances are given.
while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(CPC_|KAFKA_)' || true)

# Kafka Streams' state, thrown away at the end: under the user's cache directory as for demo, since Kafka Streams
# warns about one in the OS temp directory, where OUT may well be.
cache="${XDG_CACHE_HOME:-$HOME/.cache}/cpcstream"
mkdir -p "$cache"
state=$(mktemp -d "$cache/quality-protocol-state-XXXXXX")

started=()   # pids of every process started here, stopped in reverse order on any exit
declare -A names ended
stop_all() {
  local i pid
  for (( i = ${#started[@]} - 1; i >= 0; i-- )); do
    pid="${started[$i]}"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${started[@]}"; do
    await_exit "$pid"
  done
  rm -rf "$state"
}
trap stop_all EXIT

# usage: await_exit PID ; waits up to STOP_SECONDS for PID to end after SIGTERM, then kills it; says so when it did
# not end with status 0.
await_exit() {
  local pid="$1" waited=0 status=0
  [[ -z "${ended[$pid]:-}" ]] || return 0
  while kill -0 "$pid" 2>/dev/null && (( waited < STOP_SECONDS )); do
    sleep 1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    step "${names[$pid]} did not stop within ${STOP_SECONDS}s of SIGTERM: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || status=$?
  ended[$pid]=$status
  (( status == 0 )) || step "${names[$pid]} ended with status $status; see its log in $out"
}

# usage: begin NAME COMMAND... ; runs COMMAND in the background, as a process stop_all ends.
begin() {
  local name="$1"
  shift
  "$@" &
  started+=($!)
  names[$!]="$name"
}

# usage: await_line FILE PID REGEX ; the first match of REGEX (sed -E, one group) in FILE, once PID has written it.
await_line() {
  local file="$1" pid="$2" regex="$3" waited=0 found
  while (( waited < STARTUP_SECONDS )); do
    found=$(sed -nE "s#.*$regex.*#\1#p" "$file" 2>/dev/null | head -1)
    [[ -n "$found" ]] && { echo "$found"; return; }
    kill -0 "$pid" 2>/dev/null || fail "$file: the process ended before it printed /$regex/"
    sleep 1
    waited=$((waited + 1))
  done
  fail "$file: no /$regex/ within ${STARTUP_SECONDS}s"
}

# usage: metric FILE NAME [LABEL] ; the sum of NAME's samples in a Prometheus scrape (those with LABEL, e.g.
# outcome="STALE"), NaN when it has none.
metric() {
  awk -v name="$2" -v label="${3:-}" '
    !/^#/ && (index($1, name "{") == 1 || $1 == name) && index($1, label) {
      found = 1; nan += ($NF == "NaN"); sum += $NF
    }
    END { if (found && !nan) printf "%.0f\n", sum; else print "NaN" }' "$1"
}

# usage: number VALUE ; VALUE if it is an integer, else null: JSON has no NaN.
number() { [[ "$1" =~ ^-?[0-9]+$ ]] && echo "$1" || echo null; }

scrape() { curl -sf --max-time 10 "${urls[$1]}/metrics" > "$2"; }

# usage: train_steps ; every instance's cpc_train_steps_total, one a line.
train_steps() {
  local i file="$out/.scrape"
  for i in "${!urls[@]}"; do
    scrape "$i" "$file" && metric "$file" cpc_train_steps_total || echo NaN
  done
}

mkdir -p "$out" "$checkpoints"
rm -rf "$out/broker-data" "$out/served-snapshot.avro"

step "broker"
begin broker "$cpcstream" broker --port 0 --data "$out/broker-data" > "$out/broker.log" 2>&1
bootstrap="localhost:$(await_line "$out/broker.log" "$!" 'listening on localhost:([0-9]+)')"

# 2N - 1 frames partitions and the trainer task make two tasks per instance, so the instance hosting the trainer
# embeds one partition and every other instance two.
partitions=$(( 2 * instances - 1 ))
urls=()
run_pids=()
for (( i = 1; i <= instances; i++ )); do
  config="$out/run-$i.properties"
  {
    echo "bootstrap.servers=$bootstrap"
    echo "application.id=$APPLICATION_ID"
    echo "state.dir=$state/run-$i"
    echo "cpc.topic.partitions=$partitions"
    echo "cpc.metrics.port=0"
    echo "cpc.checkpoint.dir=$checkpoints"
    [[ ${#preset_options[@]} -gt 0 ]] && echo "cpc.preset=${preset_options[1]}"
    for (( k = 1; k < ${#model_options[@]}; k += 2 )); do
      echo "cpc.model.${model_options[$k]}"
    done
    for (( k = 1; k < ${#app_options[@]}; k += 2 )); do
      echo "${app_options[$k]}"
    done
  } > "$config"
  begin "run-$i" "$cpcstream" run --config "$config" > "$out/run-$i.json" 2> "$out/run-$i.log"
  run_pids+=($!)
done
for (( i = 1; i <= instances; i++ )); do
  urls+=("http://127.0.0.1:$(await_line "$out/run-$i.log" "${run_pids[$((i - 1))]}" \
    'Serving /metrics and /health on http://[^:]+:([0-9]+)')")
done
step "$instances instances of $APPLICATION_ID on $bootstrap, $partitions frames partitions: waiting until ready"
for i in "${!urls[@]}"; do
  waited=0
  until curl -s --max-time 10 "${urls[$i]}/health" | grep -q '"ready":true'; do
    kill -0 "${run_pids[$i]}" 2>/dev/null || fail "run-$((i + 1)) ended; see $out/run-$((i + 1)).log"
    (( waited++ < STARTUP_SECONDS )) || fail "run-$((i + 1)) is not ready after ${STARTUP_SECONDS}s"
    sleep 1
  done
done

# Each copy in turn until its share of the time left ends; a copy's sources go on from the seqs the last one reached
# (file names are the source ids, the same in every copy), since the learner ignores seqs it has seen.
mapfile -t previous < <(train_steps)
first_seq=0
start=$(date +%s)
for k in "${!copies[@]}"; do
  copy="${copies[$k]}"
  sources=$(find "$copy" -name '*.wav' | wc -l)
  (( sources > 0 )) || fail "$copy holds no .wav file"
  speed=$(awk -v r="$signal_rate" -v s="$sources" 'BEGIN { printf "%.6g", r / s }')
  phase_end=$(( start + (deadline - start) * (k + 1) / ${#copies[@]} ))
  seconds=$(( phase_end - $(date +%s) ))
  (( seconds > 0 )) || continue
  step "copy $((k + 1))/${#copies[@]}: $copy, $sources sources at ${speed}x real time ($signal_rate s of signal/s)" \
    "for ${seconds}s"
  begin "produce-$((k + 1))" "$cpcstream" produce --bootstrap "$bootstrap" "${preset_options[@]}" \
    "${model_options[@]}" --source "wav:$copy" --loop --speed "$speed" --frame-duration "$frame_duration" \
    --first-seq "$first_seq" --duration "${seconds}s" > "$out/produce-$((k + 1)).json" \
    2> "$out/produce-$((k + 1)).log"
  producer=$!
  while kill -0 "$producer" 2>/dev/null && (( $(date +%s) < deadline )); do
    sleep "$SCRAPE_SECONDS"
    (( $(date +%s) < deadline )) && mapfile -t previous < <(train_steps)
  done
  kill -TERM "$producer" 2>/dev/null || true
  await_exit "$producer"
  (( ended[$producer] == 0 )) || fail "produce failed; see $out/produce-$((k + 1)).log"
  sent=$(sed -nE 's/^\{"frames":([0-9]+),.*/\1/p' "$out/produce-$((k + 1)).json")
  [[ -n "$sent" ]] || fail "produce printed no summary; see $out/produce-$((k + 1)).log"
  first_seq=$(( first_seq + (sent + sources - 1) / sources ))
done

# The deadline: every instance's meters, then the snapshot a follower embeds with. The trainer's instance is the one
# whose step counter moved most since the scrape before; if none moved, the one with the most steps.
trainer=0
for i in "${!urls[@]}"; do
  scrape "$i" "$out/metrics-$((i + 1)).txt" || fail "run-$((i + 1)) did not answer /metrics at the deadline"
done
for rule in moved total; do
  best=0
  for i in "${!urls[@]}"; do
    score=$(number "$(metric "$out/metrics-$((i + 1)).txt" cpc_train_steps_total)")
    [[ "$score" == null ]] && continue
    if [[ "$rule" == moved ]]; then
      before=$(number "${previous[$i]:-}")
      [[ "$before" == null ]] && continue
      score=$(( score - before ))
    fi
    if (( score > best )); then
      best=$score
      trainer=$i
    fi
  done
  (( best > 0 )) && break
done
follower=$(( trainer == 0 ? 1 : 0 ))
trainer_metrics="$out/metrics-$((trainer + 1)).txt"
served=$(number "$(metric "$out/metrics-$((follower + 1)).txt" cpc_model_version_in_use)")
[[ "$served" != null ]] || fail "run-$((follower + 1)) reports no cpc_model_version_in_use"
step "run-$((trainer + 1)) hosts the trainer; run-$((follower + 1)) embeds with model version $served:" \
  "taking that snapshot off the model topic"
snapshot_note="the version served"
if ! "$cpcstream" snapshot --bootstrap "$bootstrap" --model-version "$served" --out "$out/served-snapshot.avro" \
    > "$out/snapshot.json"; then
  snapshot_note="the newest: the version served was compacted away before it could be read"
  "$cpcstream" snapshot --bootstrap "$bootstrap" --out "$out/served-snapshot.avro" > "$out/snapshot.json"
fi
taken=$(sed -nE 's/.*"modelVersion":([0-9]+).*/\1/p' "$out/snapshot.json")
(( taken >= served )) || fail "the snapshot taken, version $taken, is older than the version served, $served"

in_use=()
lag_frames=()
steps=0   # applied within the budget by whichever instances hosted the trainer task
for i in "${!urls[@]}"; do
  steps=$(( steps + $(metric "$out/metrics-$((i + 1)).txt" cpc_train_steps_total | sed 's/NaN/0/') ))
  in_use+=("$(number "$(metric "$out/metrics-$((i + 1)).txt" cpc_model_version_in_use)")")
  # the status line each instance logs every 5 s: frames in its partitions not read yet
  lag_frames+=("$(number "$(sed -nE 's/.* lag ([0-9]+) frames .*/\1/p' "$out/run-$((i + 1)).log" | tail -1)")")
done
trainer_number() { number "$(metric "$trainer_metrics" "$@")"; }
join() { local IFS=,; echo "$*"; }
cat > "$out/served.json" <<EOF
{"instances":$instances,"signalRate":$signal_rate,"trainer":"run-$((trainer + 1))",\
"follower":"run-$((follower + 1))","servedVersion":$served,"snapshotVersion":$taken,"snapshot":"$snapshot_note",\
"trainerVersion":$(trainer_number cpc_model_version),"trainSteps":$steps,\
"trained":$(trainer_number cpc_training_windows_total 'outcome="TRAINED"'),\
"stale":$(trainer_number cpc_training_windows_total 'outcome="STALE"'),\
"versionsInUse":[$(join "${in_use[@]}")],"lagFramesAtDeadline":[$(join "${lag_frames[@]}")]}
EOF
step "served: $(cat "$out/served.json")"

# The followers first: each one's drain waits until the trainer has its training windows, and a trainer that left
# first would hand its task to an instance on its way out.
step "stopping the followers (SIGTERM), then run-$((trainer + 1)), then the broker"
for i in "${!run_pids[@]}"; do
  (( i == trainer )) || kill -TERM "${run_pids[$i]}" 2>/dev/null || true
done
for i in "${!run_pids[@]}"; do
  (( i == trainer )) || await_exit "${run_pids[$i]}"
done
kill -TERM "${run_pids[$trainer]}" 2>/dev/null || true
await_exit "${run_pids[$trainer]}"
trap - EXIT
stop_all
# the topics are the run's input and output, GBs of frames; the results are in OUT and the checkpoint directory
rm -rf "$out/broker-data"
