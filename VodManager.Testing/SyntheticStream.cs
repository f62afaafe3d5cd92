using VodManager.Core.Media;

namespace VodManager.Testing;

/// <summary>A written synthetic stream and its known truth.</summary>
/// <param name="Loudness">Per-second loudness (LUFS) of the stream's imagined audio, with the audio-only moment in it.</param>
/// <param name="LoudMoments">Where the audio is loud, to generate real media with the same moments.</param>
public sealed record SyntheticStream(
    string Chat,
    string Events,
    string Transcript,
    double DurationSeconds,
    long Messages,
    IReadOnlyList<PlantedMoment> Planted,
    float[] Loudness,
    IReadOnlyList<LoudMoment> LoudMoments)
{
    public IEnumerable<PlantedMoment> Moments => Planted.Where(p => !p.IsDecoy);

    public IEnumerable<PlantedMoment> Decoys => Planted.Where(p => p.IsDecoy);
}
