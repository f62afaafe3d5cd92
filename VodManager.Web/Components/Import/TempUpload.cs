using Microsoft.AspNetCore.Components.Forms;
using VodManager.Core.Ingest;

namespace VodManager.Web.Components.Import;

/// <summary>A data file sent from the browser, saved on this node until its import job is queued (<see cref="DataUploadStaging"/>).</summary>
public static class TempUpload
{
    public static async Task<string> SaveAsync(IBrowserFile file, DataUploadStaging uploads, long limit, CancellationToken cancellationToken)
    {
        await using var source = file.OpenReadStream(limit, cancellationToken);
        return await uploads.SaveAsync(source, file.Name, cancellationToken);
    }
}
