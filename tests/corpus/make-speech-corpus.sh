#!/usr/bin/env bash
# A small labelled speech corpus for the linear probe, built the same way byte for byte on every run:
#   OUTDIR/clean/<speaker>_<sentence>.wav  espeak-ng voices reading sentences.txt, 16 kHz mono 16-bit PCM
#   OUTDIR/noisy/<speaker>_<sentence>.wav  the same recordings made harder, each its own way: a tempo change,
#                                          band-limiting and added noise at a chosen SNR
#   OUTDIR/clean/labels.csv, OUTDIR/noisy/labels.csv: file,speaker,sentence_id,split
# The split is by sentence, the last quarter of them (at least one) being test, so a probe on speaker must
# generalise to text it never heard. Speakers differ in language, voice variant, pitch and speed, and several
# share a language, so telling them apart is more than telling languages apart.
#
# Usage: make-speech-corpus.sh [--speakers N] [--sentences M] [--seed S] OUTDIR
#   --speakers N   the first N speakers of the table below (default: all 12)
#   --sentences M  the first M sentences of sentences.txt (default: all)
#   --seed S       varies the noisy copy's per-file degradations (default: 1)
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# id, espeak-ng voice (language+variant), pitch 0-99, speed in words per minute
SPEAKERS=(
  "en-us-m1 en-us+m1 35 165"
  "en-us-f2 en-us+f2 65 175"
  "de-m2 de+m2 30 155"
  "fr-f3 fr-fr+f3 70 150"
  "en-gb-m3 en-gb+m3 45 150"
  "en-gb-f4 en-gb+f4 75 160"
  "de-f1 de+f1 60 170"
  "fr-m4 fr-fr+m4 50 160"
  "es-m5 es+m5 40 175"
  "it-f5 it+f5 55 165"
  "nl-m6 nl+m6 45 145"
  "pt-f1 pt-br+f1 80 155"
)
RATE=16000
# The noisy copy: each file's degradation is drawn from these ranges.
TEMPO_RANGE=(0.85 1.15)
LOW_CUT_HZ=(80 400)
HIGH_CUT_HZ=(2800 7000)
SNR_DB=(5 20)
NOISES=(whitenoise pinknoise brownnoise)
NOISE_SECONDS=60

speakers=${#SPEAKERS[@]}
sentences=0
seed=1
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --speakers) speakers="$2"; shift 2 ;;
    --sentences) sentences="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "make-speech-corpus: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
if [[ -z "$out" ]]; then
  echo "usage: make-speech-corpus.sh [--speakers N] [--sentences M] [--seed S] OUTDIR" >&2
  exit 2
fi
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "make-speech-corpus: needs $tool (apt-get install $tool)" >&2; exit 2; }
done

mapfile -t TEXTS < <(grep -v '^#' "$here/sentences.txt" | grep -v '^[[:space:]]*$')
(( sentences == 0 || sentences > ${#TEXTS[@]} )) && sentences=${#TEXTS[@]}
(( speakers > ${#SPEAKERS[@]} )) && speakers=${#SPEAKERS[@]}
(( speakers >= 1 && sentences >= 2 )) || { echo "make-speech-corpus: need 1+ speakers and 2+ sentences" >&2; exit 2; }
test_sentences=$(( sentences / 4 > 0 ? sentences / 4 : 1 ))

# A number in [lo, hi) that depends only on the seed and the key: cksum (CRC-32) is the same on every system,
# unlike $RANDOM or awk's rand().
draw() {
  local key="$1" lo="$2" hi="$3" hash
  hash=$(printf '%s' "$seed:$key" | cksum | cut -d' ' -f1)
  awk -v h="$hash" -v lo="$lo" -v hi="$hi" 'BEGIN { printf "%.4f", lo + (hi - lo) * (h % 1000003) / 1000003 }'
}

rms() {
  sox "$@" -n stat 2>&1 | awk '/^RMS +amplitude/ { print $3 }'
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/clean" "$out/noisy"
header="file,speaker,sentence_id,split"
echo "$header" > "$out/clean/labels.csv"

# -R everywhere: sox seeds its noise generator and dither with a fixed number, so output is repeatable.
for noise in "${NOISES[@]}"; do
  sox -R -n -r "$RATE" -c 1 -b 32 -e floating-point "$work/$noise.wav" synth "$NOISE_SECONDS" "$noise"
done

for (( s = 0; s < speakers; s++ )); do
  read -r id voice pitch speed <<< "${SPEAKERS[$s]}"
  for (( k = 1; k <= sentences; k++ )); do
    sentence=$(printf 's%02d' "$k")
    name="${id}_${sentence}.wav"
    split=train
    (( k > sentences - test_sentences )) && split=test
    espeak-ng -v "$voice" -p "$pitch" -s "$speed" -w "$work/speech.wav" "${TEXTS[$((k - 1))]}"
    # Headroom before resampling, whose ringing would clip a full-scale voice, then normalised to -1 dBFS.
    sox -R "$work/speech.wav" -c 1 -b 16 -e signed-integer "$out/clean/$name" gain -6 rate "$RATE" gain -n -1
    echo "$name,$id,$sentence,$split" >> "$out/clean/labels.csv"

    tempo=$(draw "$name:tempo" "${TEMPO_RANGE[@]}")
    low=$(draw "$name:low" "${LOW_CUT_HZ[@]}")
    high=$(draw "$name:high" "${HIGH_CUT_HZ[@]}")
    snr=$(draw "$name:snr" "${SNR_DB[@]}")
    noise_index=$(draw "$name:noise" 0 "${#NOISES[@]}")
    noise=${NOISES[${noise_index%.*}]}
    # 6 dB of headroom first: tempo and the filter's ripple may overshoot full scale, and sox clips there.
    sox -R "$out/clean/$name" -b 32 -e floating-point "$work/shaped.wav" gain -6 tempo -s "$tempo" sinc "$low-$high"
    seconds=$(soxi -D "$work/shaped.wav")
    offset=$(draw "$name:offset" 0 "$(awk -v d="$seconds" -v n="$NOISE_SECONDS" 'BEGIN { print n - d - 1 }')")
    sox -R "$work/$noise.wav" "$work/noise.wav" trim "$offset" "$seconds"
    # Scale the noise so that speech RMS / noise RMS is the drawn SNR; mix both at half level so the sum cannot
    # clip, then normalise to -1 dBFS.
    gain=$(awk -v s="$(rms "$work/shaped.wav")" -v n="$(rms "$work/noise.wav")" -v snr="$snr" \
      'BEGIN { printf "%.6f", 0.5 * (n > 0 ? s / n : 0) / 10 ^ (snr / 20) }')
    sox -R -m -v 0.5 "$work/shaped.wav" -v "$gain" "$work/noise.wav" -b 16 -e signed-integer "$out/noisy/$name" \
      gain -n -1
  done
done
cp "$out/clean/labels.csv" "$out/noisy/labels.csv"
echo "make-speech-corpus: $((speakers * sentences)) files per copy ($speakers speakers x $sentences sentences," \
  "$test_sentences test sentences) in $out/clean and $out/noisy" >&2
