using MudBlazor;

namespace VodManager.Web.Components.Layout;

/// <summary>One theme for the whole editor, light and dark; purple accents on near-black for long sessions.</summary>
public static class VodManagerTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#6d28d9",
            Secondary = "#db2777",
            Tertiary = "#0891b2",
            AppbarBackground = "#1f1b2e",
            Background = "#f6f5fb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a78bfa",
            Secondary = "#f472b6",
            Tertiary = "#22d3ee",
            Surface = "#1b1a23",
            Background = "#121118",
            BackgroundGray = "#18171f",
            AppbarBackground = "#16151d",
            DrawerBackground = "#16151d",
            TextPrimary = "#ececf1",
            TextSecondary = "#a3a3b2",
            LinesDefault = "#2c2b36",
            TableLines = "#2c2b36",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
