#!/usr/bin/env bash
# Fails when the EF model has changes that no migration captures, for any provider, and proves the server
# databases' migration scripts generate (no server needed).
set -euo pipefail
cd "$(dirname "$0")/.."
for context in SqliteVodDbContext PostgreSqlVodDbContext SqlServerVodDbContext; do
  echo "migrations: checking $context"
  dotnet ef migrations has-pending-model-changes --project VodManager.Core --startup-project VodManager.Core --context "$context" 2>&1 | tail -n 2
done
mkdir -p artifacts
for provider in PostgreSql SqlServer; do
  script="artifacts/$(tr '[:upper:]' '[:lower:]' <<<"$provider")-migrations.sql"
  dotnet ef migrations script --idempotent --project VodManager.Core --startup-project VodManager.Core --context "${provider}VodDbContext" --output "$script" >/dev/null
  echo "migrations: $provider script written to $script"
done
