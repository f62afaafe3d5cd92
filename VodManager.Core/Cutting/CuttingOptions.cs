using System.ComponentModel.DataAnnotations;
using VodManager.Core.Media;

namespace VodManager.Core.Cutting;

/// <summary>The "Cutting" section of appsettings.json.</summary>
public sealed class CuttingOptions : IValidatableObject
{
    public const string Section = "Cutting";

    /// <summary>The mode a cut uses when the request names none.</summary>
    public CutMode DefaultMode { get; set; } = CutMode.Copy;

    /// <summary>Clips shorter than this (after clamping to the source) are refused before ffmpeg runs.</summary>
    [Range(0.1, 3600)]
    public double MinClipSeconds { get; set; } = 1;

    /// <summary>An output smaller than this is treated as a failed cut and never becomes a VOD.</summary>
    [Range(1, 1L << 30)]
    public long MinOutputBytes { get; set; } = 16 * 1024;

    /// <summary>Folder for cut outputs before they are stored; empty means "tmp/cuts" under the data folder.</summary>
    public string? TempFolder { get; set; }

    /// <summary>Space that must stay free on the temp disks after a write; the preflight refuses a cut that would eat into it.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeDiskBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long a job's claim on a highlight lasts; a crashed job that is never recovered loses it after this.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many clips of one batch are cut at the same time (copy cuts are I/O bound).</summary>
    [Range(1, 16)]
    public int BatchParallelism { get; set; } = 3;

    /// <summary>Quality of re-encoded video (precise mode, the edges of a smart cut): x264 CRF.</summary>
    [Range(0, 51)]
    public int ReencodeCrf { get; set; } = 20;

    /// <summary>x264 preset for re-encoded video.</summary>
    [Required]
    [RegularExpression(X264.PresetPattern)]
    public string ReencodePreset { get; set; } = "veryfast";

    /// <summary>
    /// x264 preset for the edges of a smart cut (at most a GOP each, so the cut costs about their encode). Faster than
    /// <see cref="ReencodePreset"/> at the same CRF; "ultrafast" would also drop CABAC and 8x8 transforms, turning the
    /// edges into another H.264 profile than the copied middle, which strict decoders configured by the first part refuse.
    /// </summary>
    [Required]
    [RegularExpression(X264.PresetPattern)]
    public string SmartEdgePreset { get; set; } = "superfast";

    /// <summary>Audio bitrate of re-encoded audio, in kbit/s.</summary>
    [Range(32, 512)]
    public int ReencodeAudioKbps { get; set; } = 160;

    /// <summary>Range reads from remote storage: size of one fetched piece (also the unit the proxy caches).</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int RangeChunkBytes { get; set; } = 256 * 1024;

    /// <summary>Range reads: the most one answer to ffmpeg carries; bounds what is read ahead and then thrown away.</summary>
    [Range(16 * 1024, 256 * 1024 * 1024)]
    public int RangeMaxResponseBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Range reads: memory for pieces kept during one batch, so the index (moov) and overlaps are fetched once.</summary>
    [Range(0, 4L * 1024 * 1024 * 1024)]
    public long RangeCacheBytes { get; set; } = 64L * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RangeMaxResponseBytes < RangeChunkBytes)
        {
            yield return new ValidationResult("Cutting:RangeMaxResponseBytes must be at least Cutting:RangeChunkBytes.", [nameof(RangeMaxResponseBytes)]);
        }
    }
}
