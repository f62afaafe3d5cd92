namespace VodManager.Core.Data.Entities;

/// <summary>
/// A stream's signal curves as last built (<c>SignalCurveService</c>), so a restarted node, or another one, opens a
/// long stream without reading all its chat again. Valid while <see cref="Stamp"/> matches what they were built from.
/// </summary>
public sealed class StreamSignalCache
{
    public int StreamId { get; set; }

    /// <summary>What the curves were built from: the stream's imports, its media index and its channel's model.</summary>
    public required string Stamp { get; set; }

    /// <summary>The curves, compressed (<c>SignalCurveService</c> writes and reads them).</summary>
    public byte[] Curves { get; set; } = [];

    public DateTime BuiltAt { get; set; }
}
