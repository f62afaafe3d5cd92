using System.Globalization;

namespace VodManager.Core.Ingest;

/// <summary>
/// Turns the wall-clock times of a log (UTC) into seconds into the stream: counted from the stream's start, or from the
/// log's first time when there is no stream yet (a new stream made from the log starts there). Times before the start
/// are before the video: they are counted and left out, and a log that lies wholly before it is explained.
/// </summary>
internal sealed class StreamClock(DateTime? start)
{
    private DateTime? _firstBefore;

    public DateTime? Start { get; private set; } = start;

    /// <summary>Times left out for lying before the start.</summary>
    public int Before { get; private set; }

    /// <returns>Seconds from the start, or null for a time before it.</returns>
    public double? SecondsSince(DateTime utc)
    {
        Start ??= utc;
        var seconds = (utc - Start.Value).TotalSeconds;
        if (seconds >= 0)
        {
            return seconds;
        }

        _firstBefore ??= utc;
        Before++;
        return null;
    }

    /// <summary>Why nothing was read, when every time lay before the start (<paramref name="what"/>: "lines", "events").</summary>
    public string AllBefore(string what) =>
        $"all {Before:N0} {what} are from before the stream's start ({Show(Start!.Value)}; the log begins {Show(_firstBefore!.Value)}): "
        + "its UTC times count from the stream's start, so set the stream's start to when the broadcast began";

    /// <summary>Why nothing was read from a chat whose every line lay before its video's start (offsets below zero).</summary>
    /// <param name="noun">What a line is called: "comment", "message".</param>
    /// <param name="where">Where the video starts, when the file says (a cropped download's start), with its leading ", ".</param>
    public static string AllBeforeVideo(int count, string noun, string where = "") =>
        $"{(count == 1 ? $"its one {noun} is" : $"all {count:N0} {noun}s are")} from before the video's start{where}: nothing would be left of the chat";

    /// <summary>Why a time lies implausibly far after the start.</summary>
    public string TooLate(string stamp, double seconds) =>
        $"\"{stamp}\" is {seconds / 86400:0} days after the stream's start ({Show(Start!.Value)}): set the stream's start to when the broadcast began";

    public static string Show(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
