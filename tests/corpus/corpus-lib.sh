# Shared by the corpus scripts (sourced, not run): repeatable draws, levels, tool checks and the summary.
# A script sets `seed`, `script` (its name, for messages) and `work` (a scratch directory) before calling these.

# usage: draws KEY LO HI [KEY LO HI ...] ; for each key a number in [LO, HI), one a line, that depends only on the
# seed and the key: cksum (CRC-32) is the same on every system, unlike $RANDOM or awk's rand(). One cksum reads
# every key, each from its own file.
draws() {
  local dir="$work/draws" files=() bounds=()
  mkdir -p "$dir"
  while (( $# >= 3 )); do
    printf '%s' "$seed:$1" > "$dir/${#files[@]}"
    files+=("${#files[@]}")
    bounds+=("$2" "$3")
    shift 3
  done
  (cd "$dir" && cksum "${files[@]}") | awk -v bounds="${bounds[*]}" 'BEGIN { split(bounds, b, " ") }
    { lo = b[2 * NR - 1]; hi = b[2 * NR]; printf "%.4f\n", lo + (hi - lo) * ($1 % 1000003) / 1000003 }'
}

# usage: draw KEY LO HI ; draws for one key.
draw() {
  draws "$1" "$2" "$3"
}

rms() {
  sox "$@" -n stat 2>&1 | awk '/^RMS +amplitude/ { print $3 }'
}

# usage: need_tools TOOL... ; stops the script naming the Debian package to install.
need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$script: needs $tool (apt-get install $tool)" >&2; exit 2; }
  done
}

# usage: write_noise FILE SECONDS TYPE [EFFECT...] ; sox's noise TYPE (whitenoise, pinknoise, ...), then EFFECTs,
# 32-bit float at $RATE. -R seeds sox's generator with a fixed number, so the noise is the same on every run.
write_noise() {
  local file="$1" seconds="$2" type="$3"
  shift 3
  sox -R -n -r "$RATE" -c 1 -b 32 -e floating-point "$file" synth "$seconds" "$type" "$@"
}

# usage: write_noises DIR SECONDS TYPE... ; DIR/TYPE.wav for each.
write_noises() {
  local dir="$1" seconds="$2" type
  shift 2
  for type in "$@"; do
    write_noise "$dir/$type.wav" "$seconds" "$type"
  done
}

# usage: add_noise SIGNAL NOISE SNR_DB KEY OUT [EFFECT...]
# Mixes a stretch of NOISE (drawn by KEY, as long as SIGNAL) into SIGNAL at SNR_DB (RMS ratio); both at half
# level so the sum cannot clip, then EFFECTs (e.g. gain -n -1) and 16-bit output.
add_noise() {
  local signal="$1" noise="$2" snr="$3" key="$4" out="$5" seconds offset gain noise_seconds
  shift 5
  seconds=$(soxi -D "$signal")
  noise_seconds=$(soxi -D "$noise")
  offset=$(draw "$key:offset" 0 "$(awk -v d="$seconds" -v n="$noise_seconds" 'BEGIN { print n - d - 1 }')")
  sox -R "$noise" "$signal.noise.wav" trim "$offset" "$seconds"
  gain=$(awk -v s="$(rms "$signal")" -v n="$(rms "$signal.noise.wav")" -v snr="$snr" \
    'BEGIN { printf "%.6f", 0.5 * (n > 0 ? s / n : 0) / 10 ^ (snr / 20) }')
  sox -R -m -v 0.5 "$signal" -v "$gain" "$signal.noise.wav" -b 16 -e signed-integer "$out" "$@"
  rm -f "$signal.noise.wav"
}

# usage: summarise LABELS.csv COLUMN DIR ; files per class and split, and duration quantiles, on stderr.
summarise() {
  local labels="$1" column="$2" dir="$3"
  awk -F, -v col="$column" '
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
    { n[$c]++; s[$c "," $NF]++; total[$NF]++ }
    END {
      printf "%-16s %6s %6s %6s\n", col, "files", "train", "test"
      for (k in n) printf "%-16s %6d %6d %6d\n", k, n[k], s[k ",train"], s[k ",test"] | "sort"
      close("sort")
      printf "%-16s %6d %6d %6d\n", "all", total["train"] + total["test"], total["train"], total["test"]
    }' "$labels" >&2
  tail -n +2 "$labels" | cut -d, -f1 | while read -r file; do soxi -D "$dir/$file"; done | sort -g |
    awk '{ d[NR] = $1 }
      END {
        q = "min 0 p10 0.1 p25 0.25 median 0.5 p75 0.75 p90 0.9 max 1"; m = split(q, w, " ")
        line = "duration (s):"
        for (i = 1; i < m; i += 2) line = line sprintf(" %s %.3f", w[i], d[1 + int(w[i + 1] * (NR - 1))])
        print line
        for (i = 1; i <= NR; i++) { short += d[i] < 0.64; frame += d[i] < 0.01 }
        printf "%d of %d files are shorter than a small-preset window (0.64 s), %d shorter than one encoder frame" \
          " (10 ms)\n", short, NR, frame
      }' >&2
}
