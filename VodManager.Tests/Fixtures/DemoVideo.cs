using VodManager.Core;
using VodManager.Demo;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// The demo stream's video, encoded once per test run and copied into the data folder of each app that seeds the demo
/// (the seeder keeps a video already in its demo folder): encoding it is ~9 s of CPU, and five apps a run seed it.
/// </summary>
public static class DemoVideo
{
    private static readonly Lazy<Task<string>> Encoded = new(async () =>
        (await new DemoStreamGenerator(TestMedia.Runner()).GenerateAsync(Path.Combine(TestMedia.Folder, "demo"), CancellationToken.None)).Video);

    /// <summary>For an app process: places the video when its environment turns the demo seed on.</summary>
    public static Task PlaceForAsync(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("VodManager__SeedDemo") == "true" ? PlaceAsync(environment["VodManager__DataFolder"]) : Task.CompletedTask;

    public static async Task PlaceAsync(string dataFolder)
    {
        var demo = new DataPaths(dataFolder).Demo;
        Directory.CreateDirectory(demo);
        var video = Path.Combine(demo, "demo.mp4");
        if (!File.Exists(video))
        {
            File.Copy(await Encoded.Value, video);
        }
    }
}
