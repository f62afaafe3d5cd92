using VodManager.Core.Editing;

namespace VodManager.Web.Components.Timeline;

/// <summary>The four detection signals in the order and colours every view uses (score bars, minimap lanes).</summary>
public static class SignalStyle
{
    public static readonly IReadOnlyList<(string Name, string Color)> All =
    [
        ("Chat", "var(--mud-palette-primary)"),
        ("Events", "var(--mud-palette-secondary)"),
        ("Transcript", "var(--mud-palette-tertiary)"),
        ("Audio", "var(--mud-palette-warning)"),
    ];

    /// <summary>A highlight's four signal values with their names and colours, in <see cref="All"/>'s order.</summary>
    public static IEnumerable<(string Name, double Value, string Color)> Of(HighlightSignals signals) =>
        All.Zip([signals.Chat, signals.Events, signals.Transcript, signals.Audio], (s, v) => (s.Name, v, s.Color));
}
