#!/usr/bin/env bash
# Holler build script (POSIX twin of build.ps1; keep the two in step — a test checks their targets).
#
#   ./build.sh <target> [extra args passed on to dotnet]
#
# Targets:
#   build   dotnet build the solution (Release)
#   test    dotnet test the solution (Release), TRX into artifacts/test-results/,
#           then one closing line: "N passed, N failed, N skipped"
#   bench   holler bench (Release); bench --micro runs the BenchmarkDotNet micro-benchmarks
#   pack    dotnet pack Holler.Host into artifacts/packages/
#   help    this text (also with no target)
set -euo pipefail

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

SOLUTION="Holler.sln"
CONFIGURATION="Release"
ARTIFACTS="$ROOT/artifacts"
TEST_RESULTS="$ARTIFACTS/test-results"
PACKAGES="$ARTIFACTS/packages"

usage() {
    cat <<'EOF'
Usage: ./build.sh <target> [extra args passed on to dotnet]

Targets:
  build   dotnet build the solution (Release)
  test    dotnet test the solution (Release); TRX files in artifacts/test-results/;
          prints "N passed, N failed, N skipped" as its last line
  bench   dotnet run holler bench (Release); args go to `holler bench`;
          bench --micro runs the BenchmarkDotNet micro-benchmarks (Holler.Benchmarks)
  pack    dotnet pack Holler.Host into artifacts/packages/
  help    show this text

Examples:
  ./build.sh test --filter "FullyQualifiedName~Holler.Tests.Build"
  ./build.sh bench --scenarios engine --duration 30s
  ./build.sh bench --micro --filter '*Parser*'
EOF
}

# Sums the <Counters> of every TRX file given and prints "N passed, N failed, N skipped".
# Plain grep/awk on purpose: python3 is not guaranteed where this runs.
trx_summary() {
    cat "$@" | tr -d '\r' | { grep -o '<Counters [^>]*>' || true; } | awk '
        function attr(s, name,   v) {
            if (match(s, " " name "=\"[0-9]+\"")) {
                v = substr(s, RSTART, RLENGTH)
                sub(/^[^"]*"/, "", v)
                sub(/"$/, "", v)
                return v + 0
            }
            return 0
        }
        {
            passed  += attr($0, "passed")
            failed  += attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
            # VSTest counts a skipped test in total but not in executed (its notExecuted stays 0);
            # take whichever of the two ways says more, never both.
            notrun = attr($0, "total") - attr($0, "executed")
            if (attr($0, "notExecuted") > notrun) notrun = attr($0, "notExecuted")
            skipped += notrun
        }
        END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }'
}

# Names every failed test of the TRX files given, with the first lines of its message, so the end of a CI log
# says what failed even when only its tail is kept.
trx_failures() {
    cat "$@" | tr -d '\r' | awk '
        function unescape(s) {
            gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&amp;/, "\\&", s)
            return s
        }
        /<UnitTestResult / && /outcome="(Failed|Error|Timeout|Aborted)"/ {
            name = $0
            sub(/.*testName="/, "", name)
            sub(/".*/, "", name)
            printf "FAILED %s\n", unescape(name)
            failing = 1
            lines = 0
        }
        failing && /<Message>/ { inmessage = 1; sub(/.*<Message>/, "") }
        failing && inmessage {
            done = sub(/<\/Message>.*/, "")
            if (lines < 12) print "    " unescape($0)
            lines++
            if (done) { inmessage = 0; failing = 0 }
        }
        /<\/UnitTestResult>/ { failing = 0; inmessage = 0 }'
}

target_build() {
    dotnet build "$SOLUTION" -c "$CONFIGURATION" "$@"
}

target_test() {
    rm -rf "$TEST_RESULTS"
    mkdir -p "$TEST_RESULTS"
    # The OpenID provider the dashboard's sign-in test starts (tools/oidc-test-provider), from its lock file.
    npm ci --prefix tools/oidc-test-provider --no-audit --no-fund --loglevel=error

    local rc=0
    dotnet test "$SOLUTION" -c "$CONFIGURATION" \
        --results-directory "$TEST_RESULTS" \
        --logger "trx" \
        --logger "console;verbosity=normal" \
        "$@" || rc=$?

    local trx_files=()
    local f
    for f in "$TEST_RESULTS"/*.trx; do
        [ -e "$f" ] && trx_files+=("$f")
    done
    if [ "${#trx_files[@]}" -eq 0 ]; then
        echo "build.sh: no TRX file in $TEST_RESULTS (dotnet test exited $rc)" >&2
        echo "0 passed, 0 failed, 0 skipped"
        [ "$rc" -ne 0 ] && exit "$rc"
        exit 1
    fi

    local summary
    summary="$(trx_summary "${trx_files[@]}")"
    local passed failed
    passed="$(echo "$summary" | awk '{ print $1 }')"
    failed="$(echo "$summary" | awk '{ print $3 }')"

    if [ "$failed" -ne 0 ]; then
        trx_failures "${trx_files[@]}"
    fi
    if [ "$rc" -ne 0 ]; then
        echo "build.sh: dotnet test exited $rc" >&2
    elif [ "$failed" -ne 0 ]; then
        echo "build.sh: $failed test(s) failed" >&2
        rc=1
    elif [ "$passed" -eq 0 ]; then
        echo "build.sh: no test passed (0 tests ran?)" >&2
        rc=1
    fi
    echo "$summary"
    return "$rc"
}

target_bench() {
    if [ "${1:-}" = "--micro" ]; then
        shift
        # BenchmarkDotNet micro-benchmarks; with no arguments, all of them (e.g. --filter '*Parser*' for one class).
        if [ "$#" -eq 0 ]; then set -- --filter '*'; fi
        dotnet run -c "$CONFIGURATION" --project Holler.Benchmarks -- "$@"
    else
        dotnet run -c "$CONFIGURATION" --project Holler.Host -- bench "$@"
    fi
}

target_pack() {
    mkdir -p "$PACKAGES"
    dotnet pack Holler.Host/Holler.Host.csproj -c "$CONFIGURATION" -o "$PACKAGES" "$@"
}

target="${1:-help}"
if [ "$#" -gt 0 ]; then shift; fi

case "$target" in
    build)
        target_build "$@"
        ;;
    test)
        target_test "$@"
        ;;
    bench)
        target_bench "$@"
        ;;
    pack)
        target_pack "$@"
        ;;
    help|-h|--help)
        usage
        ;;
    *)
        echo "build.sh: unknown target '$target'" >&2
        usage >&2
        exit 2
        ;;
esac
