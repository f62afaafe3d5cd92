namespace VodManager.Core.Export;

public enum FramingKind
{
    /// <summary>A 9:16 window cropped out of the frame at a horizontal position (the middle by default).</summary>
    Crop,

    /// <summary>The whole frame scaled to the output's width, over a blurred, zoomed copy of itself.</summary>
    Blur,
}
