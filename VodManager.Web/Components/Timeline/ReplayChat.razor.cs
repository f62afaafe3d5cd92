using System.Globalization;
using Microsoft.AspNetCore.Components;
using VodManager.Core.Editing;

namespace VodManager.Web.Components.Timeline;

/// <summary>
/// The chat beside the player: the lines of the last <see cref="WindowSeconds"/> up to the player's second, read as
/// it moves. While the video plays only what is new since the last second is read; a seek back or far ahead reads the
/// window again.
/// </summary>
public sealed partial class ReplayChat
{
    // Readable on the dark theme: a name's colour stays the same wherever it shows (chat carries none of its own here).
    private static readonly string[] Palette =
    [
        "#ff7a7a", "#7ab8ff", "#7ee07e", "#ffb36b", "#d99bff", "#5fd7d7", "#ffd966", "#ff8fcf", "#a3e36b", "#9fa8ff",
        "#f5a97f", "#66d9a8",
    ];

    private readonly List<ChatReplayLine> _lines = [];
    private PlayerClock? _attached;
    private object? _version;
    private double _readUpTo = double.NaN;
    private double? _pending;
    private bool _reading;
    private string? _error;
    private ChatReplayLine? _pinned;

    [Inject] private ChatReplay Reader { get; set; } = default!;
    [Inject] private ILogger<ReplayChat> Logger { get; set; } = default!;

    [Parameter, EditorRequired] public PlayerClock Clock { get; set; } = default!;

    [Parameter] public int AccountId { get; set; }

    [Parameter] public int StreamId { get; set; }

    /// <summary>
    /// Changes when the stream's chat changed (imported again, moved): the lines are read again and a picked line is
    /// dropped. Not the page's other reloads (a job of the stream ended): a line being lined up stays picked.
    /// </summary>
    [Parameter] public object? Version { get; set; }

    /// <summary>An editor lines a chat line up with the player (or, with null, gives the seconds to move the chat by); none for viewers.</summary>
    [Parameter] public EventCallback<ChatReplayLine?> OnLineUp { get; set; }

    /// <summary>How far back from the player's second lines show.</summary>
    [Parameter] public double WindowSeconds { get; set; } = 300;

    /// <summary>The most lines shown: the latest of the window.</summary>
    [Parameter] public int MaxLines { get; set; } = 150;

    private string Caption => double.IsNaN(Clock.Seconds) ? "" : $"up to {Format.Clock(Clock.Seconds)}";

    private string EmptyText => double.IsNaN(Clock.Seconds)
        ? "The chat follows the player: play or seek the video."
        : $"No chat in the {Minutes} before {Format.Clock(Clock.Seconds)}.";

    private string Minutes => WindowSeconds % 60 == 0
        ? $"{WindowSeconds / 60:0} minute{(WindowSeconds == 60 ? "" : "s")}"
        : $"{WindowSeconds.ToString("0", CultureInfo.InvariantCulture)} seconds";

    protected override void OnParametersSet()
    {
        var again = !Equals(_version, Version);
        _version = Version;
        if (again)
        {
            // The chat moved (or was imported again): a line picked before is no longer where it was.
            _pinned = null;
        }

        if (!ReferenceEquals(_attached, Clock))
        {
            _attached?.Moved -= OnMoved;
            Clock.Moved += OnMoved;
            _attached = Clock;
            again = true;
        }

        if (again && !double.IsNaN(Clock.Seconds))
        {
            _readUpTo = double.NaN;
            OnMoved(Clock.Seconds);
        }
    }

    private async Task LineUpPinnedAsync()
    {
        var line = _pinned;
        _pinned = null;
        await OnLineUp.InvokeAsync(line);
    }

    protected override void OnDisposing() => _attached?.Moved -= OnMoved;

    private void OnMoved(double seconds) => _ = InvokeAsync(() => FollowAsync(seconds));

    /// <summary>One read at a time; seconds that come meanwhile are folded into the next read.</summary>
    private async Task FollowAsync(double seconds)
    {
        _pending = seconds;
        if (_reading)
        {
            return;
        }

        _reading = true;
        try
        {
            while (_pending is { } upTo)
            {
                _pending = null;
                await ReadUpToAsync(upTo);
                _error = null;
                StateHasChanged();
            }
        }
        catch (OperationCanceledException) when (Lifetime.IsCancellationRequested)
        {
            // The page closed.
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Could not read the chat of stream {StreamId}", StreamId);
            (_error, _readUpTo, _pending) = ($"The chat could not be read: {e.Message}", double.NaN, null);
            StateHasChanged();
        }
        finally
        {
            _reading = false;
        }
    }

    private async Task ReadUpToAsync(double upTo)
    {
        var from = upTo - WindowSeconds;
        if (!double.IsNaN(_readUpTo) && upTo >= _readUpTo && upTo - _readUpTo < WindowSeconds)
        {
            _lines.AddRange(await Reader.ReadAsync(AccountId, StreamId, _readUpTo, upTo, MaxLines, Lifetime));
        }
        else
        {
            _lines.Clear();
            _lines.AddRange(await Reader.ReadAsync(AccountId, StreamId, from, upTo, MaxLines, Lifetime));
        }

        _lines.RemoveAll(l => l.OffsetSeconds <= from);
        if (_lines.Count > MaxLines)
        {
            _lines.RemoveRange(0, _lines.Count - MaxLines);
        }

        _readUpTo = upTo;
    }

    private static string AuthorColour(string author)
    {
        // FNV-1a over the lower-cased name: the same colour in every process (string hashes are randomised per process).
        var hash = 2166136261u;
        foreach (var c in author.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Palette[hash % (uint)Palette.Length];
    }
}
