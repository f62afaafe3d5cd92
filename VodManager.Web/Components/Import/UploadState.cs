using VodManager.Core;
using VodManager.Core.Ingest;

namespace VodManager.Web.Components.Import;

/// <summary>
/// Where the browser's upload of one video file stands (the script sends it and reports back), kept apart from the
/// panel that shows it, like QuickGrid keeps its state apart from its UI: the chosen file, bytes sent, speed, and how
/// it ended.
/// </summary>
public sealed class UploadState(TimeProvider time, long maxBytes)
{
    private long _sentAtStart;
    private long _startedAt;
    private string? _retrying;

    public sealed record ChosenFile(string Name, long Size, long ResumeFrom);

    public ChosenFile? File { get; private set; }

    public bool Uploading { get; private set; }

    /// <summary>It failed in a way the server kept its part of: the same file can continue.</summary>
    public bool Resumable { get; private set; }

    public long Sent { get; private set; }

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    public bool TooLarge => File is { } f && f.Size > maxBytes;

    public double Percent => File is { Size: > 0 } f ? Math.Min(100, 100.0 * Sent / f.Size) : 0;

    public string Status
    {
        get
        {
            var total = File?.Size ?? 0;
            if (Uploading && Sent >= total)
            {
                return "All bytes sent; checking the video…";
            }

            var text = $"{ByteSize.Format(Sent)} of {ByteSize.Format(total)}";
            if (Uploading && _retrying is not null)
            {
                return $"{text} · {_retrying}";
            }

            var seconds = time.GetElapsedTime(_startedAt).TotalSeconds;
            var rate = seconds > 0.5 ? (Sent - _sentAtStart) / seconds : 0;
            return Uploading && rate > 0
                ? $"{text} · {ByteSize.Format((long)rate)}/s · about {Format.Clock((total - Sent) / rate)} left"
                : text;
        }
    }

    /// <returns>False when the file is over the limit (the error says so).</returns>
    public bool Choose(string name, long size, long resumeFrom)
    {
        File = new ChosenFile(name, size, resumeFrom);
        Sent = 0;
        Done = null;
        Resumable = false;
        Error = TooLarge
            ? $"'{name}' is {ByteSize.Format(size)}, over the {ByteSize.Format(maxBytes)} upload limit (setting {VideoImportOptions.Section}:{nameof(VideoImportOptions.MaxVideoUploadBytes)})."
            : null;
        return Error is null;
    }

    public void Start()
    {
        Uploading = true;
        Error = null;
        _retrying = null;
        Resumable = false;
        _startedAt = time.GetTimestamp();
        _sentAtStart = Math.Max(Sent, File?.ResumeFrom ?? 0);
        Sent = _sentAtStart;
    }

    /// <summary>Follows an upload already running in the tab (started by another panel), <paramref name="sent"/> bytes in.</summary>
    public void Adopt(string name, long size, long sent)
    {
        Choose(name, size, sent);
        Start();
    }

    public void Progress(long sent) => Sent = sent;

    /// <param name="attempt">Which retry after a network error is next; 0 once a chunk got through again.</param>
    public void Retrying(int attempt, int attempts) => _retrying = attempt == 0 ? null : $"connection lost; trying again ({attempt} of {attempts})";

    /// <param name="note">What the editor should know about a new source ("; 545 chat lines come after the video ends …"), or "".</param>
    public void Completed(bool alreadyImported, bool platformHighlight, string note)
    {
        Uploading = false;
        Done = alreadyImported
            ? $"'{File?.Name}' was already imported into this stream; the one copy is kept."
            : $"Stored '{File?.Name}' as {(platformHighlight ? "a platform highlight" : "the stream's source")}{note}.";
        File = null;
        Sent = 0;
    }

    public void Failed(string message, bool resumable)
    {
        Uploading = false;
        Error = message;
        Resumable = resumable;
    }

    public void Cancelled()
    {
        Uploading = false;
        Resumable = false;
        Sent = 0;
        Error = null;
        File = File is null ? null : File with { ResumeFrom = 0 };
    }
}
