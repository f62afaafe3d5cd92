using System.Collections.Concurrent;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Refinement;

/// <summary>Videos with known edges (<see cref="FfmpegArguments.Segmented"/>): made once per run per layout, shared read-only.</summary>
internal static class SegmentedMedia
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Cache = new();

    public const double Quiet = 0.02;
    public const double Loud = 0.6;

    /// <summary>
    /// 30 s in four shots: quiet tone 0–10 s, loud 10–16 s, quiet 16–26 s, silence 26–30 s. Scene changes and sound
    /// edges at 10 and 16 s, a scene change at 26 s.
    /// </summary>
    public static readonly MediaSegment[] LoudInTheMiddle = [new(10, Quiet), new(6, Loud), new(10, Quiet), new(4, null)];

    /// <summary>18 s: quiet 0–8 s, a 2 s loud burst at 8–10 s, quiet 10–18 s.</summary>
    public static readonly MediaSegment[] ShortBurst = [new(8, Quiet), new(2, Loud), new(8, Quiet)];

    /// <summary>50 s of shots, three of them loud (8–14, 22–28 and 36–42 s) among quiet ones: three moments for one run.</summary>
    public static readonly MediaSegment[] ThreeMoments = [new(8, Quiet), new(6, Loud), new(8, Quiet), new(6, Loud), new(8, Quiet), new(6, Loud), new(8, Quiet)];

    public static Task<string> GetAsync(MediaSegment[] segments) =>
        Cache.GetOrAdd(string.Join("|", segments.Select(s => $"{s.DurationSeconds}:{s.ToneAmplitude}")), _ => new Lazy<Task<string>>(() => MakeAsync(segments))).Value;

    private static async Task<string> MakeAsync(MediaSegment[] segments)
    {
        var path = Path.Combine(RunFolder.Get("segments"), $"segments-{Guid.NewGuid():N}.mp4");
        await TestMedia.Runner().RunAsync(FfmpegArguments.Segmented(segments, 320, 180, path), path, TimeSpan.FromSeconds(segments.Sum(s => s.DurationSeconds)), null, CancellationToken.None);
        return path;
    }
}
