namespace VodManager.Tests.Fixtures;

/// <summary>Finds the repository root (the folder with VodManager.sln) from the test binaries.</summary>
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

    public static string Root => RootLazy.Value;

    /// <summary>../shared/data/real next to the repository, when present (real chat logs).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
}
