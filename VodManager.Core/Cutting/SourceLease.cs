namespace VodManager.Core.Cutting;

/// <summary>A held local copy of a source VOD (see <see cref="SourceCache"/>); the file stays until the lease is disposed.</summary>
public sealed class SourceLease : IAsyncDisposable
{
    private readonly Func<Task> _release;
    private int _released;

    internal SourceLease(int vodId, string localPath, bool isCopy, Func<Task> release)
    {
        VodId = vodId;
        LocalPath = localPath;
        IsCopy = isCopy;
        _release = release;
    }

    public int VodId { get; }

    /// <summary>The file to read; do not delete or change it.</summary>
    public string LocalPath { get; }

    /// <summary>True when the file is a pulled copy (remote storage), false when it is the stored file itself.</summary>
    public bool IsCopy { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            await _release();
        }
    }
}
