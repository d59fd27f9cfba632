#!/usr/bin/env bash
# A labelled sound-event corpus for the linear probe, built the same way byte for byte on every run from
# Debian-packaged samples: Hydrogen drum kits (kick, snare, tom, hi-hats, cymbals, hand percussion, and guitar
# strums if hydrogen-drumkits-effects is installed) and desktop sound themes (one class of UI sounds).
#   OUTDIR/<class>_<sample>_v<k>.wav  16 kHz mono 16-bit PCM, leading and trailing silence cut, at most
#                                     MAX_SECONDS long (longer ones are cut and faded out); short ones are kept as
#                                     they are
#   OUTDIR/labels.csv                 file,class,group,split
#   OUTDIR/sources.tsv                file, key (kit|instrument or theme|path) and the sample it was made from
# A sample's class is that of the first row of sound-classes.tsv matching its kit and instrument name (or theme
# path). Identical files met under several instruments or kits are one sample. Near-duplicates stay on one side of
# the split: a group holds every sample of one instrument (its velocity layers) and every instrument sharing a
# file with it; variant v0 is the sample itself, v1.. are the same sample at another pitch and peak level, some with
# noise added; and the split is drawn by group: in a drawn order, a class's groups go to test until it holds a
# quarter of the class's samples (always one group at least, and never the last).
#
# Usage: make-sounds-corpus.sh [--drumkits DIR] [--themes DIR] [--classes FILE] [--variants N]
#                              [--max-per-class N] [--seed S] OUTDIR
#   --drumkits DIR     Hydrogen kits, one directory each with its drumkit.xml
#                      (default: /usr/share/hydrogen/data/drumkits)
#   --themes DIR       desktop sound themes, those the class table names (default: /usr/share/sounds); "" for none
#   --classes FILE     the class table (default: sound-classes.tsv beside this script)
#   --variants N       files per sample, v0 included (default: 2)
#   --max-per-class N  samples per class at most, whole groups in drawn order, two groups always (default: 40)
#   --seed S           varies the split and the variants (default: 1)
# Needs sox (Debian's reads FLAC, Ogg and AIFF), md5sum and cksum, and the samples:
#   apt-get install sox hydrogen-drumkits sound-theme-freedesktop deepin-sound-theme oxygen-sounds
#   (optional, 141 MB more, adds the guitar-strum class: apt-get install hydrogen-drumkits-effects)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
script=make-sounds-corpus
source "$here/corpus-lib.sh"

RATE=16000
MAX_SECONDS=3
FADE_SECONDS=0.05
# Silence: below SILENCE_DB (dBFS, the sample's peak being at -6) for SILENCE_SECONDS.
SILENCE_DB=-60
SILENCE_SECONDS=0.002
# Shorter than one encoder frame, or with a peak below SILENT_PEAK, a sample has nothing to embed (Hydrogen's empty
# placeholders).
MIN_SECONDS=0.01
SILENT_PEAK=0.0001
# The variants' draws.
PITCH_CENTS=(-300 300)
PEAK_DB=(-12 -1)
NOISY_PERCENT=50
SNR_DB=(10 30)
NOISES=(whitenoise pinknoise brownnoise)
NOISE_SECONDS=$((MAX_SECONDS + 2))

drumkits=/usr/share/hydrogen/data/drumkits
themes=/usr/share/sounds
classes="$here/sound-classes.tsv"
variants=2
max_per_class=40
seed=1
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --drumkits) drumkits="$2"; shift 2 ;;
    --themes) themes="$2"; shift 2 ;;
    --classes) classes="$2"; shift 2 ;;
    --variants) variants="$2"; shift 2 ;;
    --max-per-class) max_per_class="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "$script: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
[[ -n "$out" ]] || { echo "usage: make-sounds-corpus.sh [options] OUTDIR (see --help)" >&2; exit 2; }
(( variants >= 1 && max_per_class >= 1 )) || {
  echo "$script: --variants and --max-per-class are 1 or more" >&2
  exit 2
}
need_tools sox soxi md5sum
[[ -d "$drumkits" || -d "$themes" ]] || {
  echo "$script: neither $drumkits nor ${themes:-(no themes)} exists (apt-get install hydrogen-drumkits ...)" >&2
  exit 2
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# key<TAB>path for every sample on offer: each <filename> of each <instrument> in each kit's drumkit.xml (Hydrogen
# writes one element per line), and every sound file under the themes directory.
inventory() {
  local xml kit
  if [[ -d "$drumkits" ]]; then
    find "$drumkits" -mindepth 2 -maxdepth 2 -name drumkit.xml | LC_ALL=C sort | while read -r xml; do
      kit="$(dirname "$xml")"
      awk -v kit="${kit##*/}" -v dir="$kit" '
        function text(line, tag) { sub(".*<" tag ">", "", line); sub("</" tag ">.*", "", line); return line }
        /<instrument>/ { inside = 1; name = ""; next }
        /<\/instrument>/ { inside = 0; next }
        inside && name == "" && /<name>/ { name = text($0, "name"); next }
        inside && /<filename>/ { print kit "|" name "\t" dir "/" text($0, "filename") }' "$xml"
    done
  fi
  if [[ -n "$themes" && -d "$themes" ]]; then
    find "$themes" -type f \( -name '*.wav' -o -name '*.oga' -o -name '*.ogg' -o -name '*.flac' \) |
      LC_ALL=C sort | while read -r path; do printf 'theme|%s\t%s\n' "${path#"$themes"/}" "$path"; done
  fi
}

# class<TAB>key<TAB>path: the first matching row of the class table, rows of class "-" and unmatched keys left out.
classify() {
  awk -F'\t' '
    FNR == NR { if ($0 !~ /^#/ && NF == 2) { n++; class[n] = $1; pattern[n] = $2 } next }
    {
      key = tolower($1)
      for (i = 1; i <= n; i++) if (key ~ pattern[i]) { if (class[i] != "-") print class[i] "\t" $1 "\t" $2; next }
    }' "$classes" -
}

# usage: with_md5 ; md5<TAB>class<TAB>key<TAB>path for each class<TAB>key<TAB>path row, missing files left out.
with_md5() {
  local rows="$work/classified.tsv"
  cat > "$rows"
  cut -f3 "$rows" | LC_ALL=C sort -u | while read -r path; do
    [[ -f "$path" ]] && printf '%s\0' "$path" || echo "left out, missing: $path" >&2
  done | xargs -0 -r md5sum > "$work/md5.txt"
  # md5sum prints "HASH  PATH"; a path with a backslash or newline would be escaped, and Debian's have none.
  awk -F'\t' 'FNR == NR { md5[substr($0, 35)] = substr($0, 1, 32); next }
    $3 in md5 { print md5[$3] "\t" $0 }' "$work/md5.txt" "$rows"
}

# md5<TAB>class<TAB>group<TAB>key<TAB>path, one row per distinct file content. Groups join instruments that share a
# file (union-find over keys and contents); a group is named after its first key. Contents that two rows give
# different classes are left out, being evidence for neither.
group_samples() {
  awk -F'\t' '
    function find(x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x }
    function join(a, b) { a = find(a); b = find(b); if (a != b) { if (a < b) parent[b] = a; else parent[a] = b } }
    {
      k = "k:" $3; m = "m:" $1
      if (!(k in parent)) parent[k] = k
      if (!(m in parent)) parent[m] = m
      join(k, m)
      if (!($1 in class)) { class[$1] = $2; key[$1] = $3; path[$1] = $4; order[++n] = $1 }
      else if (class[$1] != $2) conflict[$1] = 1
    }
    END {
      for (i = 1; i <= n; i++) {
        md5 = order[i]
        if (md5 in conflict) { print "left out, two classes: " path[md5] > "/dev/stderr"; continue }
        group = substr(find("m:" md5), 3)
        gsub(/[^A-Za-z0-9]+/, "-", group)
        print md5 "\t" class[md5] "\t" tolower(group) "\t" key[md5] "\t" path[md5]
      }
    }'
}

# The sample rows with a split column added, for the classes kept: groups in an order drawn per group, taken while
# the class has fewer than --max-per-class samples (two groups at least); then test until the test groups hold a
# quarter of the samples taken, the first always and the last never. A class needs two groups, one on each side.
split_groups() {
  local samples="$1"
  cut -f3 "$samples" | LC_ALL=C sort -u | while read -r group; do
    printf '%s\t%s\n' "$group" "$(printf '%s' "$seed:$group" | cksum | cut -d' ' -f1)"
  done > "$work/group-order.tsv"
  awk -F'\t' 'FNR == NR { rank[$1] = $2; next } { print rank[$3] "\t" $0 }' "$work/group-order.tsv" "$samples" |
    LC_ALL=C sort -t$'\t' -k1,1n -k4,4 | cut -f2- |
    awk -F'\t' -v max="$max_per_class" '
      { g = $2 SUBSEP $3; if (!(g in size)) order[$2] = order[$2] SUBSEP $3; size[g]++; row[g] = row[g] $0 "\n" }
      END {
        for (c in order) {
          k = split(substr(order[c], 2), list, SUBSEP)
          taken = 0; kept = 0
          for (i = 1; i <= k && (taken < max || kept < 2); i++) {
            keep[++kept] = c SUBSEP list[i]; taken += size[keep[kept]]
          }
          if (kept < 2) { print "left out, fewer than two groups: class " c > "/dev/stderr"; continue }
          tested = 0
          for (i = 1; i <= kept; i++) {
            split_of = i < kept && (i == 1 || tested < taken / 4) ? "test" : "train"
            if (split_of == "test") tested += size[keep[i]]
            n = split(row[keep[i]], r, "\n")
            for (j = 1; j < n; j++) print r[j] "\t" split_of
          }
        }
      }' | LC_ALL=C sort -t$'\t' -k2,2 -k1,1
}

# usage: render MD5 CLASS SOURCE ; writes the sample's variants, prints their names (none if it is empty).
render() {
  local md5="$1" class="$2" source="$3" base="$work/base.wav" name k usable drawn
  local trimmed="$work/trimmed.wav" cut=()
  # Float throughout, 6 dB of headroom before resampling, whose ringing would clip a full-scale hit. Silence before
  # the onset and after the decay goes: many kits pad every sample to one length, which would tell the kit apart,
  # not the class.
  sox -R "$source" -c 1 -b 32 -e floating-point "$trimmed" gain -n -6 \
    silence 1 "$SILENCE_SECONDS" "${SILENCE_DB}d" reverse silence 1 "$SILENCE_SECONDS" "${SILENCE_DB}d" reverse
  if awk -v s="$(soxi -D "$trimmed")" -v m="$MAX_SECONDS" 'BEGIN { exit !(s > m) }'; then
    cut=(trim 0 "$MAX_SECONDS" fade h 0 "$MAX_SECONDS" "$FADE_SECONDS")
  fi
  sox -R "$trimmed" "$base" "${cut[@]}" rate "$RATE"
  usable=$(sox "$base" -n stat 2>&1 | awk -v ms="$MIN_SECONDS" -v mp="$SILENT_PEAK" '
    /^Length/ { seconds = $3 } /^Maximum amplitude/ { peak = $3 } END { print (seconds >= ms && peak >= mp) }')
  if (( ! usable )); then
    echo "left out, empty or shorter than ${MIN_SECONDS}s: $source" >&2
    return
  fi
  for (( k = 0; k < variants; k++ )); do
    name="${class}_${md5:0:10}_v$k.wav"
    if (( k == 0 )); then
      sox -R "$base" -b 16 -e signed-integer "$out/$name" gain -n -1
    else
      # pitch, peak level, whether noisy, SNR, noise colour
      mapfile -t drawn < <(draws "$name:pitch" "${PITCH_CENTS[@]}" "$name:level" "${PEAK_DB[@]}" "$name:noisy" 0 100 \
        "$name:snr" "${SNR_DB[@]}" "$name:noise" 0 "${#NOISES[@]}")
      sox -R "$base" "$work/shaped.wav" pitch "${drawn[0]}"
      if (( ${drawn[2]%.*} < NOISY_PERCENT )); then
        add_noise "$work/shaped.wav" "$work/${NOISES[${drawn[4]%.*}]}.wav" "${drawn[3]}" "$name" "$out/$name" \
          gain -n "${drawn[1]}"
      else
        sox -R "$work/shaped.wav" -b 16 -e signed-integer "$out/$name" gain -n "${drawn[1]}"
      fi
    fi
    echo "$name"
  done
}

started=$SECONDS
mkdir -p "$out"
write_noises "$work" "$NOISE_SECONDS" "${NOISES[@]}"
inventory | classify | with_md5 | group_samples > "$work/samples.tsv"
split_groups "$work/samples.tsv" > "$work/selected.tsv"
[[ -s "$work/selected.tsv" ]] || { echo "$script: no class has samples in two groups; nothing to write" >&2; exit 1; }

echo "file,class,group,split" > "$out/labels.csv"
printf 'file\tkey\tsource\n' > "$out/sources.tsv"
while IFS=$'\t' read -r md5 class group key path split; do
  render "$md5" "$class" "$path" | while read -r name; do
    echo "$name,$class,$group,$split" >> "$out/labels.csv"
    printf '%s\t%s\t%s\n' "$name" "$key" "$path" >> "$out/sources.tsv"
  done
done < "$work/selected.tsv"

echo "$script: $(($(wc -l < "$out/labels.csv") - 1)) files from $(wc -l < "$work/selected.tsv") samples" \
  "($(cut -f3 "$work/selected.tsv" | sort -u | wc -l) groups; $variants variants each) in $out," \
  "$((SECONDS - started))s" >&2
summarise "$out/labels.csv" class "$out"
