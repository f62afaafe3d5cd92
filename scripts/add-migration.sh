#!/usr/bin/env bash
# Adds a migration with the same name for every provider: scripts/add-migration.sh AddSomething
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
for provider in Sqlite PostgreSql SqlServer; do
  dotnet ef migrations add "$name" --project VodManager.Core --startup-project VodManager.Core \
    --context "${provider}VodDbContext" --output-dir "Data/Migrations/$provider"
done
