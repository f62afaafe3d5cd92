#!/usr/bin/env bash
# Runs the crash-recovery end-to-end tests (the real host SIGKILLed mid-batch of cuts or mid-download of a URL import,
# then restarted, on local disk and on Azurite; a CLI import SIGKILLed, then the app started) N times in a row
# (default 20) and prints the tally. They are in the
# normal suite once; this repeats them, which takes a while.
#   scripts/crash-loop.sh [runs]
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"

dotnet build VodManager.sln -c Release --nologo --verbosity quiet || { echo "build failed"; exit 1; }

passed=0
failed=0
mkdir -p TestResults/crash-loop
for i in $(seq 1 "$runs"); do
  log="TestResults/crash-loop/run-$i.log"
  if dotnet test VodManager.Tests/VodManager.Tests.csproj -c Release --no-build --nologo \
      --filter "FullyQualifiedName~CutCrashRecoveryTests|FullyQualifiedName~UrlImportCrashRecoveryTests|FullyQualifiedName~CliJobRecoveryTests" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $i/$runs: passed"
  else
    failed=$((failed + 1))
    echo "run $i/$runs: FAILED (see $log)"
  fi
done

echo "crash loop: $passed of $runs runs passed, $failed failed (each run: cuts and a download, local disk + Azurite, and a killed CLI import)"
[ "$failed" -eq 0 ]
