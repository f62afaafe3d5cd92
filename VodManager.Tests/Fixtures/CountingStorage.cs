using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Ingest.Uploads;
using VodManager.Core.Storage;

namespace VodManager.Tests.Fixtures;

/// <summary>Real storage with a byte counter on every read, to prove how much of a source a job pulled.</summary>
public sealed class CountingStorage(IVodStorage inner) : IVodStorage
{
    private long _bytesRead;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public IVodStorage Inner => inner;

    public void Reset() => Interlocked.Exchange(ref _bytesRead, 0);

    /// <summary>Awaited, with the key, before every write: a test holds a job there, its bytes ready and nothing stored yet.</summary>
    public Func<string, Task>? BeforeWrite { get; set; }

    /// <summary>
    /// Wraps the registered storage (the last <see cref="IVodStorage"/> registration) in a counter; uploads and
    /// downloads stage their bytes through the real storage's own staging.
    /// </summary>
    public static void Wrap(IServiceCollection services)
    {
        var real = services.Last(d => d.ServiceType == typeof(IVodStorage));
        services.AddSingleton<IVodStorage>(sp => new CountingStorage((IVodStorage)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)));
        services.AddSingleton(sp => IUploadStaging.For(((CountingStorage)sp.GetRequiredService<IVodStorage>()).Inner, sp));
    }

    public string Name => inner.Name;

    public async Task<long> PutAsync(string key, Stream content, long? length, CancellationToken cancellationToken)
    {
        await (BeforeWrite?.Invoke(key) ?? Task.CompletedTask);
        return await inner.PutAsync(key, content, length, cancellationToken);
    }

    public async Task<long> PutFileAsync(string key, string path, long length, CancellationToken cancellationToken)
    {
        await (BeforeWrite?.Invoke(key) ?? Task.CompletedTask);
        return await inner.PutFileAsync(key, path, length, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => new Counter(this, await inner.OpenReadAsync(key, cancellationToken));

    public async Task<Stream> OpenReadRangeAsync(string key, long offset, long? length, CancellationToken cancellationToken) =>
        new Counter(this, await inner.OpenReadRangeAsync(key, offset, length, cancellationToken));

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken) => inner.GetSizeAsync(key, cancellationToken);

    public Task<Uri> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken) => inner.GetReadUrlAsync(key, lifetime, cancellationToken);

    public Task<Uri> GetDownloadUrlAsync(string key, string fileName, TimeSpan lifetime, CancellationToken cancellationToken) =>
        inner.GetDownloadUrlAsync(key, fileName, lifetime, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public string? TryGetLocalPath(string key) => inner.TryGetLocalPath(key);

    public Task CheckHealthAsync(CancellationToken cancellationToken) => inner.CheckHealthAsync(cancellationToken);

    private sealed class Counter(CountingStorage owner, Stream stream) : ReadOnlyStream(stream, ownsInner: true)
    {
        public override long Length => Inner.Length;
        public override long Position { get => Inner.Position; set => throw new NotSupportedException(); }

        public override int Read(Span<byte> buffer) => Count(Inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await Inner.ReadAsync(buffer, cancellationToken));

        private int Count(int read)
        {
            Interlocked.Add(ref owner._bytesRead, read);
            return read;
        }
    }
}
