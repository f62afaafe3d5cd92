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

    public override string Kind => JobKind;

    public override string Describe() => $"Cut highlight {HighlightId}{ModeText(Mode)}";

    internal static string ModeText(CutMode? mode) => mode is { } m ? $" ({m.ToString().ToLowerInvariant()})" : "";
}
