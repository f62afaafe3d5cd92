using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Media;

namespace VodManager.Testing;

/// <summary>
/// Small real videos made by ffmpeg on demand, once per test run per spec, in a shared folder; tests copy them
/// before changing them.
/// </summary>
public static class TestMedia
{
    private static readonly ConcurrentDictionary<TestPatternSpec, Lazy<Task<string>>> Cache = new();

    private static readonly ConcurrentDictionary<(TestPatternSpec, int), Lazy<Task<string>>> RotatedCache = new();

    /// <summary>This run's folder of generated media, removed when the run ends.</summary>
    public static string Folder => RunFolder.Get("media");

    /// <summary>A 20 s 320x180 clip with a 2 s GOP and one loud moment at 8–10 s.</summary>
    public static readonly TestPatternSpec Short = new(20, LoudMoments: [new LoudMoment(8, 2)]);

    public static Task<string> GetAsync(TestPatternSpec? spec = null) =>
        Cache.GetOrAdd(spec ?? Short, s => new Lazy<Task<string>>(() => GenerateAsync(s))).Value;

    /// <summary>The same video with a display matrix turning it by <paramref name="rotation"/> degrees, as a phone records portrait.</summary>
    public static Task<string> GetRotatedAsync(TestPatternSpec spec, int rotation) =>
        RotatedCache.GetOrAdd((spec, rotation), key => new Lazy<Task<string>>(async () =>
        {
            var path = Path.Combine(Folder, $"rotated-{rotation}-{Guid.NewGuid():N}.mp4");
            await Runner().RunAsync(FfmpegArguments.Rotated(await GetAsync(key.Item1), rotation, path), path, null, null, CancellationToken.None);
            return path;
        })).Value;

    /// <summary>The runner every test and benchmark uses to call ffmpeg itself, with the app's own options.</summary>
    public static FfmpegRunner Runner() =>
        new(new FfmpegOptionsProvider(Options.Create(new MediaOptions()), new DataPaths(Path.GetTempPath())), NullLogger<FfmpegRunner>.Instance);

    public static MediaProbe Probe() =>
        new(new FfmpegOptionsProvider(Options.Create(new MediaOptions()), new DataPaths(Path.GetTempPath())));

    private static async Task<string> GenerateAsync(TestPatternSpec spec)
    {
        var path = Path.Combine(Folder, $"pattern-{Math.Abs(spec.GetHashCode())}-{Guid.NewGuid():N}.mp4");
        await Runner().RunAsync(FfmpegArguments.TestPattern(spec, path), path, TimeSpan.FromSeconds(spec.DurationSeconds), null, CancellationToken.None);
        return path;
    }
}
