using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Editing;

/// <summary>The "Editor" section of appsettings.json. The shortest trim is the cutter's Cutting:MinClipSeconds.</summary>
public sealed class EditorOptions
{
    public const string Section = "Editor";

    /// <summary>How many chat-activity buckets the replay minimap's heat strip has, whatever the stream's length.</summary>
    [Range(10, 5000)]
    public int HeatBuckets { get; set; } = 480;

    /// <summary>Largest chat log, events file or transcript an editor may upload from the browser, in bytes.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxDataUploadBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Memory for the signal curves of recently opened streams (a 12 h stream's take about 1 MB); the least recently
    /// used go first and are read back from the database when opened again.
    /// </summary>
    [Range(1L << 20, long.MaxValue)]
    public long CurveCacheBytes { get; set; } = 256L << 20;

    /// <summary>How long a highlight marked at the playhead is, before the editor trims it.</summary>
    [Range(1, 3600)]
    public double NewHighlightSeconds { get; set; } = 30;

    /// <summary>How far before the playhead a highlight marked there starts: the editor marks what they just saw.</summary>
    [Range(0, 600)]
    public double NewHighlightLeadSeconds { get; set; } = 10;
}
