using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Video;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Import;

/// <summary>The video import panel's "Server file" tab: a file under <c>Import:Roots</c>, imported by a job.</summary>
public sealed partial class ServerFileImport : LifetimeComponentBase
{
    private string? _path;

    [Parameter, EditorRequired] public int StreamId { get; set; }

    [Parameter] public ImportedVideoKind Kind { get; set; }

    /// <summary>The panel's import guard: a refusal shows under the panel's tabs.</summary>
    [Parameter, EditorRequired] public ActionGuard Guard { get; set; } = default!;

    /// <summary>An attempt starts: the panel clears the last refusal.</summary>
    [Parameter] public EventCallback OnStart { get; set; }

    [Inject] private ImportJobs Importer { get; set; } = default!;
    [Inject] private ImportPathGuard PathGuard { get; set; } = default!;
    [Inject] private DataPaths Paths { get; set; } = default!;
    [Inject] private IOptions<VideoImportOptions> Options { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private string RootsHelp => Options.Value.Roots.Count == 0
        ? "Server paths are off (Import:Roots is empty)."
        : $"A file under {string.Join(", ", Options.Value.Roots.Select(r => Path.GetFullPath(r, Paths.Root)))}.";

    private async Task ImportAsync()
    {
        await OnStart.InvokeAsync();
        await Guard.RunAsync(AccountRole.Editor, async access =>
        {
            var path = _path?.Trim() ?? "";
            // Checked here too so a refusal shows at once; the job checks again when it runs.
            PathGuard.Resolve(path);
            await Importer.ImportVideoAsync(access.AccountId, StreamId, Kind, path, access.Actor, Lifetime);
            Snackbar.Add($"Importing {Path.GetFileName(path)}", Severity.Info);
        }, Lifetime);
    }
}
