using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Import;

/// <summary>The video import panel's "URL" tab: an http(s) video downloaded by a job.</summary>
public sealed partial class UrlImport : LifetimeComponentBase
{
    private string? _url;

    [Parameter, EditorRequired] public int StreamId { get; set; }

    [Parameter] public ImportedVideoKind Kind { get; set; }

    /// <summary>The panel's import guard: a refusal shows under the panel's tabs.</summary>
    [Parameter, EditorRequired] public ActionGuard Guard { get; set; } = default!;

    /// <summary>An attempt starts: the panel clears the last refusal.</summary>
    [Parameter] public EventCallback OnStart { get; set; }

    [Inject] private ImportJobs Importer { get; set; } = default!;
    [Inject] private IOptions<VideoImportOptions> Options { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private async Task ImportAsync()
    {
        await OnStart.InvokeAsync();
        await Guard.RunAsync(AccountRole.Editor, async access =>
        {
            if (!Uri.TryCreate(_url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new VideoImportException("Give an http or https URL.");
            }

            await Importer.ImportVideoUrlAsync(access.AccountId, StreamId, Kind, url, access.Actor, Lifetime);
            Snackbar.Add($"Downloading from {url.Host}", Severity.Info);
        }, Lifetime);
    }
}
