using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

/// <summary>An opened source (see <see cref="SourceInputs"/>); pinned and readable until disposed.</summary>
public sealed class SourceInput(string input, long sizeBytes, IAsyncDisposable pin, RangeReadSession? session) : IAsyncDisposable
{
    /// <summary>What ffmpeg reads: the stored file, or a loopback URL of the range proxy.</summary>
    public string Input => input;

    /// <summary>The stored object's size now (import recorded what it was).</summary>
    public long SizeBytes => sizeBytes;

    public async ValueTask DisposeAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }

        await pin.DisposeAsync();
    }
}
