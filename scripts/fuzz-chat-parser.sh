#!/usr/bin/env bash
# Fuzzes the chat parser with AFL++ through SharpFuzz for a few minutes (default 10). Not part of the test suite.
# Findings (inputs that raised anything but IngestException, or hung) land in artifacts/fuzz-chat/findings.
#   scripts/fuzz-chat-parser.sh [minutes]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
out=artifacts/fuzz-chat

command -v afl-fuzz >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null; }
[ -x "$HOME/.dotnet/tools/sharpfuzz" ] || dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null

rm -rf "$out" && mkdir -p "$out/corpus"
dotnet publish fuzz/ChatParserFuzz -c Release -o "$out/bin" --nologo --verbosity quiet
"$HOME/.dotnet/tools/sharpfuzz" "$out/bin/VodManager.Core.dll"

# Seeds: each shape the parser knows, small enough for AFL.
printf '{"comments":[{"content_offset_seconds":1.5,"commenter":{"_id":"1","name":"a"},"message":{"body":"hi Kappa","emoticons":[{"_id":"25"}],"user_notice_params":{"msg-id":"raid","msg-param-viewerCount":"5"}}}]}' > "$out/corpus/object.json"
printf '[{"content_offset_seconds":"2","commenter":{"name":"twitch"},"message":{"body":"12 raiders from x have joined!","bits_spent":"100"}}]' > "$out/corpus/array.json"
printf '[00:00:05] alice: hello\n[1:02:03.5] bob: what: a colon\n' > "$out/corpus/plain.txt"
cp VodManager.Tests/Fixtures/Real/liihs_vod963184458_v5.json.gz "$out/corpus/real.json.gz"

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1
timeout "${minutes}m" afl-fuzz -i "$out/corpus" -o "$out/findings" -t 10000 -m none -- dotnet "$out/bin/ChatParserFuzz.dll" || true
crashes=$(find "$out/findings" -path '*crashes/id*' | wc -l)
hangs=$(find "$out/findings" -path '*hangs/id*' | wc -l)
echo "chat parser fuzzing: $crashes crashes, $hangs hangs (inputs under $out/findings)"
[ "$crashes" -eq 0 ]
