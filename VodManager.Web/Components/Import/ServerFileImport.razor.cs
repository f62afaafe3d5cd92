using Microsoft.AspNetCore.Components;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Video;

namespace VodManager.Web.Components.Import;

/// <summary>The video import panel's "Server file" tab: a file under <c>Import:Roots</c>, imported by a job.</summary>
public sealed partial class ServerFileImport : ImportTabBase
{
    private string? _path;

    [Inject] private ImportPathGuard PathGuard { get; set; } = default!;
    [Inject] private DataPaths Paths { get; set; } = default!;

    private string RootsHelp => Options.Value.Roots.Count == 0
        ? "Server paths are off (Import:Roots is empty)."
        : $"A file under {string.Join(", ", Options.Value.Roots.Select(r => Path.GetFullPath(r, Paths.Root)))}.";

    private async Task ImportAsync()
    {
        await StartAsync(async access =>
        {
            var path = _path?.Trim() ?? "";
            // Checked here too so a refusal shows at once; the job checks again when it runs.
            PathGuard.Resolve(path);
            await Importer.ImportVideoAsync(access.AccountId, StreamId, Kind, path, access.Actor, Lifetime);
            Snackbar.Add($"Importing {Path.GetFileName(path)}", Severity.Info);
        });
    }
}
