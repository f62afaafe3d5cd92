using System.Diagnostics;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Video;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest.Video;

/// <summary>Server paths on a real file system: each way out of the import roots is refused, naming the rule it broke.</summary>
public sealed class ImportPathGuardTests : IDisposable
{
    private readonly TempFolder _folder = new("guard");
    private readonly string _root;
    private readonly string _outside;
    private readonly ImportPathGuard _guard;

    public ImportPathGuardTests()
    {
        _root = Directory.CreateDirectory(_folder.File("imports")).FullName;
        _outside = Directory.CreateDirectory(_folder.File("elsewhere")).FullName;
        File.WriteAllText(Path.Combine(_root, "stream.mp4"), "video");
        File.WriteAllText(Path.Combine(_outside, "secret.mp4"), "secret");
        _guard = Guard(["imports"]);
    }

    private ImportPathGuard Guard(List<string> roots) =>
        new(Options.Create(new VideoImportOptions { Roots = roots }), new DataPaths(_folder.Path));

    private VideoImportException Refused(string path) => Assert.Throws<VideoImportException>(() => _guard.Resolve(path));

    [Fact]
    public void A_regular_file_under_a_root_resolves_to_its_real_path()
    {
        Assert.Equal(Path.Combine(_root, "stream.mp4"), _guard.Resolve(Path.Combine(_root, "stream.mp4")).FullName);
    }

    [Fact]
    public void A_path_with_dot_dot_is_refused_even_when_it_lands_inside_a_root()
    {
        var error = Refused($"{_root}/../imports/stream.mp4");
        Assert.Contains("must not contain '..'", error.Message);
    }

    [Fact]
    public void A_path_outside_every_root_is_refused_naming_the_setting_but_not_where_the_roots_are()
    {
        var error = Refused(Path.Combine(_outside, "secret.mp4"));
        Assert.Contains("outside the import roots (setting Import:Roots)", error.Message);
        Assert.DoesNotContain(_root, error.Message);
    }

    [Fact]
    public void A_symlink_inside_a_root_that_leads_out_is_refused()
    {
        var link = Path.Combine(_root, "innocent.mp4");
        File.CreateSymbolicLink(link, Path.Combine(_outside, "secret.mp4"));

        var error = Refused(link);

        Assert.Contains("symbolic link that leads outside the import roots", error.Message);
        Assert.DoesNotContain("secret.mp4", error.Message);
        Assert.DoesNotContain(_outside, error.Message);
    }

    [Fact]
    public void A_symlinked_folder_inside_a_root_that_leads_out_is_refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "shared"), _outside);

        var error = Refused(Path.Combine(_root, "shared", "secret.mp4"));

        Assert.Contains("symbolic link that leads outside", error.Message);
        Assert.DoesNotContain(_outside, error.Message);
    }

    [Fact]
    public void A_symlink_that_stays_inside_the_root_is_followed()
    {
        var link = Path.Combine(_root, "latest.mp4");
        File.CreateSymbolicLink(link, "stream.mp4");

        Assert.Equal(Path.Combine(_root, "stream.mp4"), _guard.Resolve(link).FullName);
    }

    [Fact]
    public void A_device_file_is_refused_when_its_folder_is_a_root()
    {
        var error = Assert.Throws<VideoImportException>(() => Guard(["/dev"]).Resolve("/dev/zero"));
        Assert.Contains("is a character device, not a regular file", error.Message);
    }

    [Fact]
    public void Dev_zero_is_outside_the_default_roots()
    {
        Assert.Contains("outside the import roots", Refused("/dev/zero").Message);
    }

    [Fact]
    public void A_named_pipe_is_refused_without_being_opened()
    {
        var fifo = Path.Combine(_root, "pipe.mp4");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        // Opening a FIFO would block until a writer appears; the guard must answer at once.
        var error = Refused(fifo);
        Assert.Contains("named pipe", error.Message);
    }

    [Fact]
    public void A_folder_a_relative_path_and_a_missing_file_are_refused_with_their_rules()
    {
        Assert.Contains("a folder, not a regular file", Refused(Directory.CreateDirectory(Path.Combine(_root, "season-1")).FullName).Message);
        Assert.Contains("must be absolute", Refused("imports/stream.mp4").Message);
        Assert.Contains("no such file", Refused(Path.Combine(_root, "missing.mp4")).Message);
        Assert.Contains("no path was given", Refused(" ").Message);
    }

    [Fact]
    public void With_no_roots_configured_server_paths_are_off()
    {
        var error = Assert.Throws<VideoImportException>(() => Guard([]).Resolve(Path.Combine(_root, "stream.mp4")));
        Assert.Contains("Import:Roots is empty", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
