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
}
