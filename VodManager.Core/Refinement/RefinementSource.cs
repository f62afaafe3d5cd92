using VodManager.Core.Data.Entities;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Refinement;

/// <summary>
/// One run's access to a stream's source video, opened on first use and shared by every highlight of the run, so
/// refining N highlights reads the source through one door: the stored file itself (local disk) or one session of
/// the loopback range proxy (remote storage), which fetches only the windows' bytes and the index, each piece once.
/// The source is pinned while the run reads it. Disposing removes every extracted file and ends the session and pin.
/// </summary>
internal sealed class RefinementSource(
    Vod source,
    IVodStorage storage,
    RangeReadProxy proxy,
    VodPins pins,
    FfmpegRunner ffmpeg,
    SceneScanner scenes,
    RangeReadSettings rangeSettings,
    RefinementOptions options,
    string tempFolder,
    string holder) : IAsyncDisposable
{
    private readonly SemaphoreSlim _openGate = new(1, 1);
    private readonly List<string> _files = [];
    private string? _input;
    private IAsyncDisposable? _pin;
    private RangeReadSession? _session;

    public Vod Vod => source;

    /// <summary>Bytes read from remote storage through the range proxy (0 for local disk: the stored file is read in place).</summary>
    public long BytesFetched => _session?.BytesFetched ?? 0;

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

        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        if (_pin is not null)
        {
            await _pin.DisposeAsync();
        }

        _openGate.Dispose();
    }

    private async Task<string> InputAsync(CancellationToken cancellationToken)
    {
        await _openGate.WaitAsync(cancellationToken);
        try
        {
            if (_input is not null)
            {
                return _input;
            }

            _pin ??= await pins.PinAsync([source.Id], holder, cancellationToken);
            if (storage.TryGetLocalPath(source.StorageKey) is { } local)
            {
                return _input = File.Exists(local) ? local : throw Missing();
            }

            try
            {
                _session = await proxy.OpenAsync(source.StorageKey, rangeSettings, cancellationToken);
            }
            catch (StorageObjectNotFoundException)
            {
                throw Missing();
            }

            return _input = _session.Url.ToString();
        }
        finally
        {
            _openGate.Release();
        }
    }

    private RefinementBackendException Missing() =>
        new($"The source video '{source.Title}' (VOD {source.Id}) is missing from storage ({source.StorageKey}); re-import it.");
}
