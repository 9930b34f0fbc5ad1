#!/usr/bin/env bash
# Runs one fuzz target for SECONDS: fuzz/run.sh TARGET SECONDS [more libFuzzer options]
#
# Targets: scenario, orders, save, set (fuzz/fuzz_targets/). Needs a nightly toolchain and
# cargo-fuzz (`cargo install cargo-fuzz`). The checked-in seeds (fuzz/seeds/TARGET) are read; what
# the run finds grows fuzz/corpus/TARGET (not checked in), and a crash is written to
# fuzz/artifacts/TARGET/ and makes the run exit non-zero. Builds with debug assertions (overflow
# checks on) and AddressSanitizer, cargo-fuzz's default.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
    echo "usage: fuzz/run.sh TARGET SECONDS [libFuzzer options...]" >&2
    exit 2
fi
target=$1
secs=$2
shift 2
case "$target" in
    save) dict=fuzz/dict/save.dict ;;
    scenario | orders | set) dict=fuzz/dict/ron.dict ;;
    *)
        echo "fuzz/run.sh: no target \`$target\`; the targets are: scenario, orders, save, set" >&2
        exit 2
        ;;
esac
mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
# -timeout: an input that takes 10 s is a hang, reported as a crash.
exec cargo +nightly fuzz run --debug-assertions "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$secs" -timeout=10 -dict="$dict" -print_final_stats=1 "$@"
