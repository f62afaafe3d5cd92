using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace VodManager.Core.Export;

/// <summary>The "Export" section of appsettings.json: the encoder profiles and how captions and chat look.</summary>
public sealed partial class ExportOptions : IValidatableObject
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

    /// <summary>
    /// The most memory one caption track's drawn states may hold during an encode (see <c>CaptionSheet.HeldBytes</c>);
    /// a track over it (a long clip with busy chat) is drawn onto every frame instead: slower, but bounded.
    /// </summary>
    [Range(0, 1L << 34)]
    public long MaxCaptionSheetBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>How a source's browser copy is encoded (<see cref="BrowserCopyService"/>).</summary>
    public BrowserCopyOptions BrowserCopy { get; set; } = new();

    /// <summary>An output smaller than this is treated as a failed export and never becomes a VOD.</summary>
    [Range(1, 1L << 30)]
    public long MinOutputBytes { get; set; } = 16 * 1024;

    // Data annotations do not reach into a dictionary's values: every profile is checked here, named by its path;
    // names must be safe in storage keys, sizes even, the default one of them.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Profiles.Count == 0)
        {
            yield return new ValidationResult($"{Section}:Profiles is empty; define at least one encoder profile.", [nameof(Profiles)]);
        }

        foreach (var (profileName, profile) in Profiles)
        {
            var path = $"{Section}:Profiles:{profileName}";
            if (!ProfileName().IsMatch(profileName))
            {
                yield return new ValidationResult($"{path}: a profile name is 1-40 lowercase letters, digits, '-' or '_' (it becomes part of storage keys).", [nameof(Profiles)]);
            }

            foreach (var failure in SettingsValidation.Nested(profile, path))
            {
                yield return failure;
            }

            if (profile.Width % 2 != 0 || profile.Height % 2 != 0)
            {
                yield return new ValidationResult($"{path}: Width and Height must be even ({profile.Width}x{profile.Height}).", [nameof(Profiles)]);
            }
        }

        foreach (var failure in SettingsValidation.Nested(BrowserCopy, $"{Section}:{nameof(BrowserCopy)}"))
        {
            yield return failure;
        }

        if (Profiles.Count > 0 && !Profiles.ContainsKey(DefaultProfile))
        {
            yield return new ValidationResult($"{Section}:DefaultProfile '{DefaultProfile}' is not one of the profiles ({string.Join(", ", Profiles.Keys)}).", [nameof(DefaultProfile)]);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$")]
    private static partial Regex ProfileName();
}
