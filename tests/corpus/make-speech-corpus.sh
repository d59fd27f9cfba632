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
# --hard makes a harder corpus in the same layout: 24 speakers all reading English, voices close in pitch and speed
# (espeak-ng's English accents and variants, its Klatt synthesiser, and flite's four voices, two pitches each), and
# a noisy copy whose files each get drawn degradations from a harsher set: reverberation, clipping, a telephone
# codec (8 kHz mu-law or GSM) or band-limiting, and added pink, brown, white or blue noise at a lower SNR.
#
# Usage: make-speech-corpus.sh [--hard] [--speakers N] [--sentences M] [--seed S] OUTDIR
#   --hard         the harder corpus (HARD_SPEAKERS, degrade_hard)
#   --speakers N   the first N speakers of the table (default: all, 12 or with --hard 24)
#   --sentences M  the first M sentences of sentences.txt (default: all)
#   --seed S       varies the noisy copy's per-file degradations (default: 1)
# Needs espeak-ng and sox, --hard also flite (Debian: apt-get install espeak-ng sox flite).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
script=make-speech-corpus
source "$here/corpus-lib.sh"

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
# The same columns; a voice flite:NAME is flite's, its pitch the mean F0 in Hz and its speed a duration stretch.
# Men and women each within a few pitch steps and words per minute of each other, so neither tells them apart.
HARD_SPEAKERS=(
  "us-m1 en-us+m1 44 160"
  "us-m3 en-us+m3 46 165"
  "us-klatt en-us+klatt 45 160"
  "gb-m1 en-gb+m1 43 158"
  "gb-m4 en-gb+m4 47 162"
  "rp-m2 en-gb-x-rp+m2 45 156"
  "scot-m3 en-gb-scotland+m3 44 164"
  "wmid-m1 en-gb-x-gbcwmd+m1 46 160"
  "carib-klatt2 en-029+klatt2 45 162"
  "lanc-m6 en-gb-x-gbclan+m6 44 158"
  "us-f1 en-us+f1 63 165"
  "us-f2 en-us+f2 66 160"
  "gb-f3 en-gb+f3 64 162"
  "gb-f4 en-gb+f4 65 168"
  "rp-f2 en-gb-x-rp+f2 63 160"
  "lanc-f5 en-gb-x-gbclan+f5 66 164"
  "flite-awb-a flite:awb 110 1.0"
  "flite-awb-b flite:awb 125 1.05"
  "flite-kal-a flite:kal16 100 1.0"
  "flite-kal-b flite:kal16 115 0.95"
  "flite-rms-a flite:rms 105 1.0"
  "flite-rms-b flite:rms 120 1.05"
  "flite-slt-a flite:slt 170 1.0"
  "flite-slt-b flite:slt 190 0.95"
)
RATE=16000
# The noisy copy: each file's degradation is drawn from these ranges.
TEMPO_RANGE=(0.85 1.15)
LOW_CUT_HZ=(80 400)
HIGH_CUT_HZ=(2800 7000)
SNR_DB=(5 20)
NOISES=(whitenoise pinknoise brownnoise)
NOISE_SECONDS=60
# The hard noisy copy: each file gets every step below whose percentage its draw falls under, a codec or band-limit,
# and noise at a lower SNR, one of HARD_NOISES (bluenoise being white noise high-passed at BLUE_CUT_HZ).
REVERB_PERCENT=50
REVERBERANCE=(30 90)
ROOM_SCALE=(30 100)
CLIP_PERCENT=30
CLIP_DRIVE_DB=(6 20)
CODECS=(mu-law gsm band)
TELEPHONE_BAND=300-3400
HARD_SNR_DB=(0 15)
HARD_NOISES=(whitenoise pinknoise brownnoise bluenoise)
BLUE_CUT_HZ=2000

hard=false
speakers=0
sentences=0
seed=1
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --hard) hard=true; shift ;;
    --speakers) speakers="$2"; shift 2 ;;
    --sentences) sentences="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "$script: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
if [[ -z "$out" ]]; then
  echo "usage: make-speech-corpus.sh [--hard] [--speakers N] [--sentences M] [--seed S] OUTDIR" >&2
  exit 2
fi
need_tools espeak-ng sox
if $hard; then
  need_tools flite
  SPEAKERS=("${HARD_SPEAKERS[@]}")
fi

mapfile -t TEXTS < <(grep -v '^#' "$here/sentences.txt" | grep -v '^[[:space:]]*$')
(( sentences == 0 || sentences > ${#TEXTS[@]} )) && sentences=${#TEXTS[@]}
(( speakers == 0 || speakers > ${#SPEAKERS[@]} )) && speakers=${#SPEAKERS[@]}
(( speakers >= 1 && sentences >= 2 )) || { echo "make-speech-corpus: need 1+ speakers and 2+ sentences" >&2; exit 2; }
test_sentences=$(( sentences / 4 > 0 ? sentences / 4 : 1 ))

# usage: synthesise VOICE PITCH SPEED TEXT OUT.wav
synthesise() {
  local voice="$1" pitch="$2" speed="$3" text="$4" wav="$5"
  case "$voice" in
    flite:*) flite -voice "${voice#flite:}" --setf int_f0_target_mean="$pitch" --setf duration_stretch="$speed" \
               -t "$text" -o "$wav" ;;
    *) espeak-ng -v "$voice" -p "$pitch" -s "$speed" -w "$wav" "$text" ;;
  esac
}

# usage: degrade NAME ; OUTDIR/noisy/NAME from OUTDIR/clean/NAME: a tempo change, band-limiting, added noise.
degrade() {
  local name="$1" drawn
  # tempo, low and high cut, SNR, noise colour
  mapfile -t drawn < <(draws "$name:tempo" "${TEMPO_RANGE[@]}" "$name:low" "${LOW_CUT_HZ[@]}" \
    "$name:high" "${HIGH_CUT_HZ[@]}" "$name:snr" "${SNR_DB[@]}" "$name:noise" 0 "${#NOISES[@]}")
  # 6 dB of headroom first: tempo and the filter's ripple may overshoot full scale, and sox clips there.
  sox -R "$out/clean/$name" -b 32 -e floating-point "$work/shaped.wav" gain -6 tempo -s "${drawn[0]}" \
    sinc "${drawn[1]}-${drawn[2]}"
  add_noise "$work/shaped.wav" "$work/${NOISES[${drawn[4]%.*}]}.wav" "${drawn[3]}" "$name" "$out/noisy/$name" \
    gain -n -1
}

# usage: degrade_hard NAME ; as degrade, harsher: tempo, maybe reverberation, maybe clipping, a telephone codec or
# band-limiting, then noise at a lower SNR.
degrade_hard() {
  local name="$1" drawn effects codec
  # 0 tempo, 1-3 reverb (percent, reverberance, room), 4-5 clipping (percent, drive), 6 codec, 7-8 low and high
  # cut, 9 noise colour, 10 SNR
  mapfile -t drawn < <(draws "$name:tempo" "${TEMPO_RANGE[@]}" "$name:reverb?" 0 100 \
    "$name:reverberance" "${REVERBERANCE[@]}" "$name:room" "${ROOM_SCALE[@]}" "$name:clip?" 0 100 \
    "$name:drive" "${CLIP_DRIVE_DB[@]}" "$name:codec" 0 "${#CODECS[@]}" "$name:low" "${LOW_CUT_HZ[@]}" \
    "$name:high" "${HIGH_CUT_HZ[@]}" "$name:noise" 0 "${#HARD_NOISES[@]}" "$name:snr" "${HARD_SNR_DB[@]}")
  effects=(gain -6 tempo -s "${drawn[0]}")
  if (( ${drawn[1]%.*} < REVERB_PERCENT )); then
    effects+=(reverb "${drawn[2]}" 50 "${drawn[3]}" gain -n -6)
  fi
  if (( ${drawn[4]%.*} < CLIP_PERCENT )); then
    # sox's gain clips at full scale, as an overdriven input stage would; headroom again for the filters after it.
    effects+=(gain -n 0 gain "${drawn[5]}" gain -6)
  fi
  codec=${CODECS[${drawn[6]%.*}]}
  case "$codec" in
    band) effects+=(sinc "${drawn[7]}-${drawn[8]}" gain -n -3) ;;
    *) effects+=(sinc "$TELEPHONE_BAND" rate 8000 gain -n -3) ;;
  esac
  # -V1: the clipping is meant, sox need not warn of it
  sox -V1 -R "$out/clean/$name" -b 32 -e floating-point "$work/shaped.wav" "${effects[@]}"
  case "$codec" in
    mu-law) sox -R "$work/shaped.wav" -e mu-law -b 8 "$work/coded.wav" ;;
    gsm) sox -R "$work/shaped.wav" "$work/coded.gsm" ;;
  esac
  if [[ "$codec" != band ]]; then
    sox -R "$work"/coded.* -b 32 -e floating-point "$work/shaped.wav" gain -6 rate "$RATE"
    rm -f "$work"/coded.*
  fi
  add_noise "$work/shaped.wav" "$work/${HARD_NOISES[${drawn[9]%.*}]}.wav" "${drawn[10]}" "$name" \
    "$out/noisy/$name" gain -n -1
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/clean" "$out/noisy"
header="file,speaker,sentence_id,split"
echo "$header" > "$out/clean/labels.csv"

if $hard; then
  write_noises "$work" "$NOISE_SECONDS" whitenoise pinknoise brownnoise
  write_noise "$work/bluenoise.wav" "$NOISE_SECONDS" whitenoise gain -6 highpass "$BLUE_CUT_HZ"
else
  write_noises "$work" "$NOISE_SECONDS" "${NOISES[@]}"
fi

for (( s = 0; s < speakers; s++ )); do
  read -r id voice pitch speed <<< "${SPEAKERS[$s]}"
  for (( k = 1; k <= sentences; k++ )); do
    sentence=$(printf 's%02d' "$k")
    name="${id}_${sentence}.wav"
    split=train
    (( k > sentences - test_sentences )) && split=test
    synthesise "$voice" "$pitch" "$speed" "${TEXTS[$((k - 1))]}" "$work/speech.wav"
    # Headroom before resampling, whose ringing would clip a full-scale voice, then normalised to -1 dBFS.
    sox -R "$work/speech.wav" -c 1 -b 16 -e signed-integer "$out/clean/$name" gain -6 rate "$RATE" gain -n -1
    echo "$name,$id,$sentence,$split" >> "$out/clean/labels.csv"
    if $hard; then degrade_hard "$name"; else degrade "$name"; fi
  done
done
cp "$out/clean/labels.csv" "$out/noisy/labels.csv"
echo "$script: $((speakers * sentences)) files per copy ($speakers speakers x $sentences sentences," \
  "$test_sentences test sentences) in $out/clean and $out/noisy" >&2
