using System.Globalization;
using VodManager.Core.Cutting;

namespace VodManager.Core.Ingest;

/// <summary>
/// How editors moved a stream's chat against its video (<see cref="ChatShift"/>), oldest first: the page says so, so
/// the next editor knows why its chat is not where the platform's replay has it, and by how much to move it back.
/// Stored on the stream as "from:by" pairs, e.g. "600:-95;0:12.5"; a new chat import starts again from none.
/// </summary>
public sealed class ChatMoves(IReadOnlyList<(double From, double By)> moves)
{
    public static readonly ChatMoves None = new([]);

    public IReadOnlyList<(double From, double By)> Moves { get; } = moves;

    public static ChatMoves Parse(string? stored) =>
        string.IsNullOrEmpty(stored)
            ? None
            : new ChatMoves(stored.Split(';').Select(pair => pair.Split(':') is [var from, var by]
                    && double.TryParse(from, NumberStyles.Float, CultureInfo.InvariantCulture, out var f)
                    && double.TryParse(by, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
                ? (f, b)
                : throw new FormatException($"'{pair}' in '{stored}' is not a chat move (from:by).")).ToList());

    public ChatMoves With(double from, double by) => new([.. Moves, (from, by)]);

    /// <summary>
    /// Where a second on the chat's clock is after the moves, as <see cref="ChatShift"/> moved the rows: from each
    /// move's point on by its seconds, in order; null when a move put it before its point (sent during an outage), where
    /// the move left such rows out. An events file imported after a move is on the chat's clock and goes through it.
    /// </summary>
    public double? Place(double seconds)
    {
        foreach (var (from, by) in Moves)
        {
            if (seconds < from)
            {
                continue;
            }

            seconds += by;
            if (seconds < from)
            {
                return null;
            }
        }

        return seconds;
    }

    /// <summary>
    /// The moves that take rows placed by these back to their files' seconds, newest first: each moves the rows at or
    /// after its point by its seconds. Exact for every row the moves kept (a row they left out stays out).
    /// </summary>
    public IEnumerable<(double From, double By)> Undoing() => Moves.Reverse().Select(m => (m.From, -m.By));

    public string? Store() =>
        Moves.Count == 0 ? null : string.Join(';', Moves.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.From:0.###}:{m.By:0.###}")));

    /// <summary>"95.0 s earlier from 10:00.0, then 12.5 s later", or "" when the chat was never moved.</summary>
    public string Describe() => string.Join(", then ", Moves.Select(m =>
        $"{Math.Abs(m.By).ToString("0.0", CultureInfo.InvariantCulture)} s {(m.By < 0 ? "earlier" : "later")}{(m.From > 0 ? $" from {ClipBounds.Clock(m.From)}" : "")}"));
}
