using VodManager.Core.Media;

namespace VodManager.Benchmarks;

/// <summary>
/// A short generated stream (<see cref="FfmpegArguments.Segmented"/>: one shot per segment, so every segment edge is
/// both a sound edge and a scene change) with the truth planted in it: the loud segments are the moments a clip
/// should span exactly, and the decoys are windows of silence or of a steady quiet tone, which are not clips.
/// </summary>
/// <param name="Decoys">Detected windows (start, end) that hold nothing worth a clip.</param>
internal sealed record PlantedStream(string Name, MediaSegment[] Segments, (double Start, double End)[] Decoys)
{
    /// <summary>Amplitudes of the room tone and of a loud moment: about 30 dB apart.</summary>
    private const double Quiet = 0.02;
    private const double Loud = 0.6;

    public static readonly PlantedStream[] All =
    [
        // Two moments far apart, a silent stretch and a long quiet one: the easy case.
        new("clear", [new(14, Quiet), new(8, Loud), new(14, Quiet), new(8, null), new(14, Quiet), new(6, Loud), new(14, Quiet)],
            [(37, 43), (46, 55)]),

        // Loud only about 16 dB above the room: less than the heuristic's 20 LU "quiet" drop, so the edges are only shot changes.
        new("low contrast", [new(14, 0.05), new(10, 0.3), new(14, 0.05), new(12, 0.3), new(14, 0.05), new(8, null)],
            [(65, 71)]),

        // Two moments 4 s apart at different levels, then quiet with a shot change inside the decoy window.
        new("close together", [new(14, Quiet), new(7, Loud), new(4, Quiet), new(9, 0.9), new(14, Quiet), new(10, Quiet), new(14, Quiet)],
            [(44, 53)]),
    ];

    public double DurationSeconds => Segments.Sum(s => s.DurationSeconds);

    /// <summary>The true bounds of every moment: each segment louder than the room tone.</summary>
    public IEnumerable<(double Start, double End)> Moments()
    {
        var room = Segments.Where(s => s.ToneAmplitude is not null).Min(s => s.ToneAmplitude!.Value);
        var at = 0.0;
        foreach (var segment in Segments)
        {
            if (segment.ToneAmplitude > room)
            {
                yield return (at, at + segment.DurationSeconds);
            }

            at += segment.DurationSeconds;
        }
    }
}
