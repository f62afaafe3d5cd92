using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;

namespace VodManager.Core.Refinement;

/// <summary>
/// One run's access to a stream's source video, opened on first use and shared by every highlight of the run (see
/// <see cref="SourceInputs"/>: pinned while held; on remote storage only each window's bytes travel). Disposing
/// removes every extracted file and lets the source go.
/// </summary>
internal sealed class RefinementSource(
    Vod source,
    SourceInputs inputs,
    FfmpegRunner ffmpeg,
    SceneScanner scenes,
    RefinementOptions options,
    string tempFolder,
    string holder) : IAsyncDisposable
{
    private readonly SemaphoreSlim _openGate = new(1, 1);
    private readonly List<string> _files = [];
    private SourceInput? _input;

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

        if (_input is not null)
        {
            await _input.DisposeAsync();
        }

        _openGate.Dispose();
    }

    private async Task<string> InputAsync(CancellationToken cancellationToken)
    {
        await _openGate.WaitAsync(cancellationToken);
        try
        {
            if (_input is null)
            {
                try
                {
                    _input = await inputs.OpenAsync(source, holder, cancellationToken);
                }
                catch (CutException e)
                {
                    // It names the source and what to do, which is what the highlight's reason should say.
                    throw new RefinementBackendException(e.Message, inner: e);
                }
            }

            return _input.Input;
        }
        finally
        {
            _openGate.Release();
        }
    }
}
