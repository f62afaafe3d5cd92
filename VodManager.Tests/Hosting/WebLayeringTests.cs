using System.Text.RegularExpressions;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Hosting;

/// <summary>The web project composes and shows; the data layer (EF, its contexts and entities, Identity's user entity) stays in Core.</summary>
public sealed partial class WebLayeringTests
{
    // Telemetry subscribes to EF's meter by its name; that string is the one mention the web project needs.
    private const string TelemetryFile = "Hosting/TelemetryServiceCollectionExtensions.cs";
    private const string EfMeter = ".AddMeter(\"Microsoft.EntityFrameworkCore\")";

    [Fact]
    public void No_web_source_file_names_the_data_layer()
    {
        var web = Path.Combine(RepoPaths.Root, "VodManager.Web");
        var files = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .ToList();

        var mentions = files
            .SelectMany(f => File.ReadLines(Path.Combine(web, f)).Select((line, i) => (File: f, Line: i + 1, Text: line.Trim())))
            .Where(l => DataLayer().IsMatch(l.Text) && !(l.File == TelemetryFile && l.Text == EfMeter))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();

        Assert.Contains(TelemetryFile, files);
        Assert.Contains("Components/Account/SignIn.razor.cs", files);
        Assert.Empty(mentions);
    }

    [GeneratedRegex(@"VodManager\.Core\.Data\b|DbContext|Microsoft\.EntityFrameworkCore|\bAppUser\b")]
    private static partial Regex DataLayer();
}
