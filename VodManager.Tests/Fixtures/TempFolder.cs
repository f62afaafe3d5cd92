namespace VodManager.Tests.Fixtures;

/// <summary>A fresh folder under the system temp dir, removed on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string? prefix = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vodmanager-tests", $"{prefix ?? "t"}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file under the folder, relative, for "nothing left behind" assertions.</summary>
    public IReadOnlyList<string> Files(string? subfolder = null)
    {
        var root = subfolder is null ? Path : System.IO.Path.Combine(Path, subfolder);
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order().ToList()
            : [];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file for a moment; temp is cleaned by the OS anyway.
        }
    }
}
