using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Export;

/// <summary>The "Export" section of appsettings.json: the encoder profiles and how captions and chat look.</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";

    /// <summary>Encoder profiles by name ("shorts-1080x1920"); a request names one of them.</summary>
    public Dictionary<string, ExportProfile> Profiles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The profile the editor preselects.</summary>
    [Required]
    public string DefaultProfile { get; set; } = "shorts-1080x1920";

    /// <summary>Font family for captions and chat (found through fontconfig; setup installs DejaVu).</summary>
    [Required]
    public string Font { get; set; } = "DejaVu Sans";

    /// <summary>How long one chat message stays in the overlay.</summary>
    [Range(1, 30)]
    public double ChatMessageSeconds { get; set; } = 5;

    /// <summary>The most chat messages the overlay shows at once; older ones scroll out.</summary>
    [Range(1, 12)]
    public int ChatMaxLines { get; set; } = 5;

    /// <summary>Folder for export work files; empty means "tmp/exports" under the data folder.</summary>
    public string? TempFolder { get; set; }

    /// <summary>
    /// How long an export's claim lasts without renewal; the renderer renews it every third of this. A process that
    /// died holding one blocks that export (only) until it lapses.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>An output smaller than this is treated as a failed export and never becomes a VOD.</summary>
    [Range(1, 1L << 30)]
    public long MinOutputBytes { get; set; } = 16 * 1024;
}
