using System.IO.Compression;

namespace VodManager.Testing;

/// <summary>Finds the repository root (the folder with VodManager.sln) and the shared test data.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VodManager.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VodManager.sln not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<string> SharedDataLazy = new(MaterializeSharedData);

    public static string Root => RootLazy.Value;

    /// <summary>
    /// A folder laid out like the project's shared data (<c>real/*.json</c>: real Twitch chat logs). The logs are
    /// committed gzipped under Fixtures/Real (so any clone has them) and unpacked once per test run.
    /// </summary>
    public static string SharedData => SharedDataLazy.Value;

    private static string MaterializeSharedData()
    {
        var target = RunFolder.Get("shared");
        var real = Directory.CreateDirectory(Path.Combine(target, "real"));
        foreach (var gz in Directory.EnumerateFiles(Path.Combine(Root, "VodManager.Tests", "Fixtures", "Real"), "*.json.gz"))
        {
            using var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
            using var output = File.Create(Path.Combine(real.FullName, Path.GetFileNameWithoutExtension(gz)));
            input.CopyTo(output);
        }

        return target;
    }
}
