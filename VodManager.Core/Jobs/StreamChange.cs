namespace VodManager.Core.Jobs;

/// <summary>
/// An editor changed a stream by hand (a trim, a reset, a dismissal, a deleted clip, its details, a piece of a video
/// upload), or an owner renamed the account (<see cref="StreamChangeKind.AccountName"/>, stream id 0): every other open
/// editor of the account that shows it reads it again, on every node. Jobs say what they changed through their own
/// updates.
/// </summary>
public sealed record StreamChange(int AccountId, int StreamId, StreamChangeKind Kind)
{
    /// <summary>The bus that published it, so its own echo back from Redis is not delivered a second time.</summary>
    public Guid Origin { get; init; }

    /// <summary>When its bus published it, by that node's <see cref="TimeProvider.GetTimestamp"/>: comparable there only.</summary>
    public long Stamp { get; init; }
}

/// <summary>What a <see cref="StreamChange"/> changed, so a page that shows none of it need not read again.</summary>
public enum StreamChangeKind
{
    /// <summary>A highlight's bounds: a trim or its reset.</summary>
    Trim,

    /// <summary>A highlight an editor marked by hand, or its removal (the stream's highlight count).</summary>
    Added,

    /// <summary>Highlights dismissed or restored (the stream's highlight count).</summary>
    Dismissal,

    /// <summary>A clip deleted (the stream's clip count and the account's space).</summary>
    Clip,

    /// <summary>The stream's title, channel, start or length.</summary>
    Details,

    /// <summary>The stream's chat and events were moved against its video (a chat shift): its timeline is read again.</summary>
    Chat,

    /// <summary>
    /// A browser upload of the stream's video started, moved on by a piece, completed or stopped for good (cancelled,
    /// refused, expired): the pages that show uploads read them again, however far away the browser sending it is.
    /// </summary>
    Upload,

    /// <summary>An owner renamed the account itself (the change's stream id is 0): every member's app bar reads it again.</summary>
    AccountName,
}
