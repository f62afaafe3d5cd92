namespace VodManager.Core.Media;

/// <summary>What settings may say of x264, checked on start wherever a preset is configured.</summary>
public static class X264
{
    /// <summary>x264's presets, fastest first: slower ones give a better picture at the same size and take longer.</summary>
    public const string PresetPattern = "^(ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow)$";
}
