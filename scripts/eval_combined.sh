#!/usr/bin/env bash
# Every tuning set at once: all their plans loaded into one index (as an officer loads dozens of
# plans), all their questions asked. Shows what a question that works beside its own few plans
# loses when many others are loaded. Tuning material only: eval/gen-test is never included.
#   [SHARED_DIR=../shared] bash scripts/eval_combined.sh [OUT_DIR]   (default /tmp/kehoach-combined)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/kehoach-combined}; shared=${SHARED_DIR:-$root/../shared}  # the shared material beside the checkout
mkdir -p "$out/plans"
for d in "$root/data/plans" "$root"/eval/gen-dev/plans "$root"/eval/tune-*/plans "$shared/corpus-other-provinces"; do
  [ -d "$d" ] && cp -n "$d"/* "$out/plans/"
done
cat "$shared/eval/dev.jsonl" "$root/tests/questions/officer_set.jsonl" "$shared/eval/other-provinces-dev.jsonl" \
    "$root/eval/gen-dev/questions.jsonl" "$root"/eval/tune-*/questions.jsonl > "$out/questions.jsonl"
kh="$root/.venv/bin/kehoach --plans-dir $out/plans --index-dir $out/index"
$kh ingest >/dev/null
$kh eval "$out/questions.jsonl" --out "$out/report.json"
