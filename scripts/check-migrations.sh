#!/usr/bin/env bash
# Fails when the EF model has changes that no migration captures, for either provider, and proves the SQL Server
# migrations script generates (no server needed).
set -euo pipefail
cd "$(dirname "$0")/.."
for context in SqliteVodDbContext SqlServerVodDbContext; do
  echo "migrations: checking $context"
  dotnet ef migrations has-pending-model-changes --project VodManager.Core --startup-project VodManager.Core --context "$context" 2>&1 | tail -n 2
done
mkdir -p artifacts
dotnet ef migrations script --idempotent --project VodManager.Core --startup-project VodManager.Core --context SqlServerVodDbContext --output artifacts/sqlserver-migrations.sql >/dev/null
echo "migrations: SQL Server script written to artifacts/sqlserver-migrations.sql"
