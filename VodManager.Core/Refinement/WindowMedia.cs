namespace VodManager.Core.Refinement;

/// <summary>
/// A window's audio and scene changes, produced on first use and then kept for the run: a backend that asks in
/// every iteration gets the same file, and a backend that never asks costs nothing.
/// </summary>
public sealed class WindowMedia
{
    private readonly RefinementSource? _source;
    private readonly double _start;
    private readonly double _end;
    private readonly Lazy<Task<WindowAudio?>> _audio;

    internal WindowMedia(RefinementSource? source, double start, double end, CancellationToken cancellationToken)
    {
        _source = source;
        _start = start;
        _end = end;
        _audio = new Lazy<Task<WindowAudio?>>(() => source is null ? Task.FromResult<WindowAudio?>(null) : source.ExtractAudioAsync(start, end, cancellationToken));
    }

    /// <summary>True when the stream has a stored source video to read from.</summary>
    public bool HasSource => _source is not null;

    /// <summary>The window's audio, or null when the stream has no source video or the source has no audio.</summary>
    public Task<WindowAudio?> GetAudioAsync() => _audio.Value;

    /// <summary>Scene changes in the window above <paramref name="threshold"/> (cached per VOD, so a re-run decodes nothing).</summary>
    public Task<IReadOnlyList<SceneChange>> GetScenesAsync(double threshold, CancellationToken cancellationToken) =>
        _source is null ? Task.FromResult<IReadOnlyList<SceneChange>>([]) : _source.ScenesAsync(_start, _end, threshold, cancellationToken);
}
