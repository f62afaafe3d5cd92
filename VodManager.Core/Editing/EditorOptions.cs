using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Editing;

/// <summary>The "Editor" section of appsettings.json: limits on what an editor may save.</summary>
public sealed class EditorOptions
{
    public const string Section = "Editor";

    /// <summary>The shortest trim an editor can save, in seconds; shorter clips are not worth a VOD row.</summary>
    [Range(0.1, 600)]
    public double MinTrimSeconds { get; set; } = 1;

    /// <summary>How many chat-activity buckets the replay minimap's heat strip has, whatever the stream's length.</summary>
    [Range(10, 5000)]
    public int HeatBuckets { get; set; } = 480;
}
