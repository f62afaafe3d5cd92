namespace VodManager.Web.Components.Timeline;

/// <summary>
/// The player's second, for the parts of the stream page that follow the player (the chat beside it) and may move it.
/// A plain object rather than a parameter: the player moves every second while it plays, and only those parts need
/// to render then, not the page around them.
/// </summary>
public sealed class PlayerClock
{
    private Func<double, Task>? _seek;

    /// <summary>Where the player is, in seconds; NaN until it has loaded a video.</summary>
    public double Seconds { get; private set; } = double.NaN;

    /// <summary>The player reached another second (it plays, or was sought).</summary>
    public event Action<double>? Moved;

    /// <summary>Moves the player there, when there is one.</summary>
    public Task SeekAsync(double seconds) => _seek?.Invoke(seconds) ?? Task.CompletedTask;

    /// <summary>The player's side: reports where it is and takes the seeks.</summary>
    internal void Attach(Func<double, Task> seek) => _seek = seek;

    internal void Detach() => _seek = null;

    internal void Move(double seconds)
    {
        Seconds = seconds;
        Moved?.Invoke(seconds);
    }
}
