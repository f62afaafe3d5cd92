#!/usr/bin/env bash
# Runs the two-node proof (PostgreSQL + Redis + Azurite, two app processes; an editor on one follows a precise
# "cut all" on the other, which is SIGKILLed mid-batch; the survivor finishes it) N times in a row (default 5) and
# prints the tally and each run's failover time (node death -> batch finished on the survivor). Not part of the
# normal suite: each run takes a few minutes.
#   scripts/two-node-loop.sh [runs]
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"

dotnet build VodManager.sln -c Release --nologo --verbosity quiet || { echo "build failed"; exit 1; }

passed=0
failed=0
mkdir -p TestResults/two-node-loop
for i in $(seq 1 "$runs"); do
  log="TestResults/two-node-loop/run-$i.log"
  if dotnet test VodManager.Tests/VodManager.Tests.csproj -c Release --no-build --nologo \
      --filter "FullyQualifiedName~TwoNodeTests" --logger "console;verbosity=detailed" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $i/$runs: passed; $(grep -o 'failover: .*' "$log" | head -1)"
  else
    failed=$((failed + 1))
    echo "run $i/$runs: FAILED (see $log); $(grep -o 'failover: .*' "$log" | head -1)"
  fi
done

echo "two-node loop: $passed of $runs runs passed, $failed failed"
[ "$failed" -eq 0 ]
