namespace VodManager.Core.Media;

/// <summary>What to generate: an ffmpeg test pattern with a quiet tone and some loud moments, H.264/AAC in MP4.</summary>
/// <param name="VariableFrameRate">
/// Every other 5 s at a fifth of <paramref name="FrameRate"/>, as a screen or phone recording drops frames while little
/// moves; keyframes stay every <paramref name="KeyframeIntervalSeconds"/>.
/// </param>
/// <param name="BFrames">B-frames in a row, as OBS's x264 and NVENC presets write (frames sent before earlier ones that refer to them).</param>
public sealed record TestPatternSpec(
    double DurationSeconds,
    int Width = 320,
    int Height = 180,
    int FrameRate = 30,
    int KeyframeIntervalSeconds = 2,
    IReadOnlyList<LoudMoment>? LoudMoments = null,
    int? VideoBitrateKbps = null,
    bool Audio = true,
    bool Video = true,
    bool VariableFrameRate = false,
    int BFrames = 0);
