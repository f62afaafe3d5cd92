#!/usr/bin/env bash
# Installs everything VodManager needs on a fresh Debian 12 machine with the .NET 10 SDK and Node.js:
# ffmpeg and Chromium (apt), fonts for burned-in captions, PostgreSQL and Redis (apt; the tests start private
# servers from them, the system services are not needed), Azurite (npm, pinned), dotnet-ef (tool manifest),
# and the NuGet packages. Idempotent: safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi

apt_packages=(ffmpeg chromium fonts-dejavu-core fonts-symbola fonts-wqy-microhei fonts-freefont-ttf fontconfig postgresql redis-server)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing apt packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x node_modules/.bin/azurite-blob ] || ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null; then
  echo "setup: installing pinned npm tools (azurite)"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "setup: restoring dotnet tools and packages"
dotnet tool restore >/dev/null
dotnet restore VodManager.sln --verbosity quiet

echo "setup: ready"
