using Microsoft.Extensions.Options;
using SharpFuzz;
using VodManager.Core.Ingest;

// AFL feeds one input per run; the only acceptable failure is the typed IngestException, anything else is a finding.
var options = Microsoft.Extensions.Options.Options.Create(new IngestOptions { MaxDecompressedBytes = 64L << 20, MaxJsonValueBytes = 16 << 20 });
var parser = new ChatLogParser(options);
var path = Path.Combine(Path.GetTempPath(), $"chat-fuzz-{Environment.ProcessId}.bin");

Fuzzer.OutOfProcess.Run(stream =>
{
    using (var file = File.Create(path))
    {
        stream.CopyTo(file);
    }

    try
    {
        ParseAsync().GetAwaiter().GetResult();
    }
    catch (IngestException)
    {
    }
});

async Task ParseAsync()
{
    await using var input = await IngestInput.OpenAsync(path, options.Value, CancellationToken.None);
    await foreach (var _ in parser.ReadAsync(input, ChatReadMode.Full, CancellationToken.None))
    {
    }
}
