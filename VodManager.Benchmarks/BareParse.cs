using System.Text.Json;

namespace VodManager.Benchmarks;

/// <summary>The baseline: every token of a JSON file read once with Utf8JsonReader over a refilled buffer, nothing kept.</summary>
public static class BareParse
{
    public static async Task<long> CountTokensAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 18];
        var state = new JsonReaderState();
        long tokens = 0;
        var filled = 0;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        while (true)
        {
            var read = await file.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            filled += read;
            var consumed = Scan(buffer.AsSpan(0, filled), read == 0, ref state, ref tokens);
            if (read == 0)
            {
                return tokens;
            }

            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    private static int Scan(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, ref long tokens)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (reader.Read())
        {
            tokens++;
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }
}
