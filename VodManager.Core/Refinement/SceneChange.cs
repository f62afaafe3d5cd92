namespace VodManager.Core.Refinement;

/// <summary>A cut between shots: when (seconds from the stream's start) and how clear (ffmpeg's scene score, 0..1).</summary>
public readonly record struct SceneChange(double Seconds, double Score);
