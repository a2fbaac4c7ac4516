#!/usr/bin/env bash
# Time until the window is mapped and peak memory of Border Atlas against a bare eframe + walkers
# window, under Xvfb with Mesa's software renderer. Needs xvfb, x11-utils (xwininfo) and a
# release build of both: `cargo build --release && cargo build --release --example bare_window`.
# Usage: tools/startup.sh [runs]   (prints the median of each)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
display=:93
Xvfb $display -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
export DISPLAY=$display

# Seconds until a window titled $1 is mapped, for the command after it; then its peak RSS.
measure() {
  local title=$1; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o /tmp/startup-rss "$@" >/dev/null 2>&1 &
  local pid=$!
  until xwininfo -root -tree 2>/dev/null | grep -q "\"$title\""; do sleep 0.005; done
  end=$(date +%s.%N)
  sleep 3 # let it settle (the seeds are read in the background) before taking memory
  pkill -f -n "$(basename "$1")" || true
  wait $pid 2>/dev/null || true
  echo "$(echo "$end - $start" | bc) $(tail -n 1 /tmp/startup-rss)"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for name in bare atlas; do
  : >/tmp/startup-$name
  for _ in $(seq "$runs"); do
    if [ $name = bare ]; then
      measure "Bare window" target/release/examples/bare_window >>/tmp/startup-$name
    else
      measure "Border Atlas" target/release/border-atlas --fresh >>/tmp/startup-$name
    fi
  done
  t=$(cut -d' ' -f1 /tmp/startup-$name | median)
  m=$(cut -d' ' -f2 /tmp/startup-$name | median)
  echo "$name: window after ${t} s, peak ${m} KB (median of $runs)"
done
