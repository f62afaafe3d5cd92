using VodManager.Core.Jobs;

namespace VodManager.Core.Cutting;

/// <summary>Cut one highlight (the editor's "Cut" button, the CLI's `cut`).</summary>
public sealed record CutClipRequest : JobRequest
{
    public const string JobKind = "cut";

    public required int HighlightId { get; init; }

    /// <summary>Null: Cutting:DefaultMode.</summary>
    public CutMode? Mode { get; init; }

    /// <summary>The editor's "Create clip anyway" over a not-clipable verdict; recorded with <see cref="JobRequest.RequestedBy"/>.</summary>
    public bool CreateAnyway { get; init; }

    /// <summary>The editor's "Cut again": the clip the highlight has, replaced only once the new one is stored.</summary>
    public int? Replacing { get; init; }

    /// <summary>
    /// How the editor knows the highlight when it was queued ("#3, 12:39.0–13:27.0"): its id means nothing on the page.
    /// Null in requests stored before it was kept.
    /// </summary>
    public string? Shown { get; init; }

    public override string Kind => JobKind;

    public override string Describe() =>
        $"Cut highlight {Shown ?? HighlightId.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(Replacing is null ? "" : " again")}{ModeText(Mode)}";

    /// <summary>Rank and the bounds a cut would take, as the stream page shows them.</summary>
    internal static string Show(Data.Entities.Highlight highlight)
    {
        var (start, end) = highlight.EffectiveBounds;
        return $"#{highlight.Rank}, {new ClipBounds(start, end)}";
    }

    internal static string ModeText(CutMode? mode) => mode is { } m ? $" ({m.ToString().ToLowerInvariant()})" : "";
}
