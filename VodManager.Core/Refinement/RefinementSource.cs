using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;

namespace VodManager.Core.Refinement;

/// <summary>
/// One run's access to a stream's source video, opened on first use and shared by every highlight of the run: one
/// lease on the cutter's <see cref="SourceCache"/> (the stored file itself on local disk; one local copy on remote
/// storage, pulled once however many highlights, refinement runs and cuts read it at the same time, and pinned while
/// held). Disposing removes every extracted file and ends the lease.
/// </summary>
internal sealed class RefinementSource(
    Vod source,
    SourceCache cache,
    FfmpegRunner ffmpeg,
    SceneScanner scenes,
    RefinementOptions options,
    string tempFolder,
    string holder) : IAsyncDisposable
{
    private readonly SemaphoreSlim _openGate = new(1, 1);
    private readonly List<string> _files = [];
    private SourceLease? _lease;

    public Vod Vod => source;

    public async Task<WindowAudio?> ExtractAudioAsync(double start, double end, CancellationToken cancellationToken)
    {
        if (source.AudioCodec is null)
        {
            return null;
        }

        var input = await InputAsync(cancellationToken);
        Directory.CreateDirectory(tempFolder);
        var path = Path.Combine(tempFolder, $"window-{source.Id}-{Guid.NewGuid():N}.mp3");
        lock (_files)
        {
            _files.Add(path);
        }

        var duration = end - start;
        try
        {
            await ffmpeg.RunAsync(FfmpegArguments.WindowAudio(input, start, duration, options.AudioSampleRate, options.AudioKbps, path), path, TimeSpan.FromSeconds(duration), null, cancellationToken);
        }
        catch (FfmpegException e)
        {
            throw new RefinementBackendException($"The audio of {start:0.#}–{end:0.#} s could not be extracted from the source video (VOD {source.Id}): {e.Message}", inner: e);
        }

        return new WindowAudio(path, "audio/mp3", new FileInfo(path).Length, start, end);
    }

    public async Task<IReadOnlyList<SceneChange>> ScenesAsync(double start, double end, double threshold, CancellationToken cancellationToken) =>
        source.VideoCodec is null ? [] : await scenes.GetAsync(source.Id, start, end, threshold, InputAsync, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        lock (_files)
        {
            foreach (var file in _files)
            {
                File.Delete(file);
            }

            _files.Clear();
        }

        if (_lease is not null)
        {
            await _lease.DisposeAsync();
        }

        _openGate.Dispose();
    }

    private async Task<string> InputAsync(CancellationToken cancellationToken)
    {
        await _openGate.WaitAsync(cancellationToken);
        try
        {
            if (_lease is null)
            {
                try
                {
                    _lease = await cache.AcquireAsync(source, holder, null, cancellationToken);
                }
                catch (Exception e) when (e is CutException or InsufficientDiskSpaceException)
                {
                    // The cache words these for cutting; the highlight's reason should name the source, not a cut.
                    throw new RefinementBackendException($"The source video could not be read for refinement: {e.Message}", inner: e);
                }
            }

            // On local disk the lease is the stored file itself, which nothing has checked yet.
            return File.Exists(_lease.LocalPath) ? _lease.LocalPath : throw Missing();
        }
        finally
        {
            _openGate.Release();
        }
    }

    private RefinementBackendException Missing() =>
        new($"The source video '{source.Title}' (VOD {source.Id}) is missing from storage ({source.StorageKey}); re-import it.");
}
