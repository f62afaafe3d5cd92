using MudBlazor;
using VodManager.Core;
using VodManager.Core.Ingest;

namespace VodManager.Web.Components.Import;

/// <summary>The video import panel's "URL" tab: an http(s) video downloaded by a job.</summary>
public sealed partial class UrlImport : ImportTabBase
{
    private string? _url;

    private async Task ImportAsync()
    {
        await StartAsync(async access =>
        {
            if (!HttpUrl.TryParse(_url?.Trim(), out var url))
            {
                throw new VideoImportException("Give an http or https URL.");
            }

            await Importer.ImportVideoUrlAsync(access.AccountId, StreamId, Kind, url, access.Actor, Lifetime);
            Snackbar.Add($"Downloading from {url.Host}", Severity.Info);
        });
    }
}
