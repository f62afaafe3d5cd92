using Microsoft.AspNetCore.Components.Forms;
using VodManager.Core;

namespace VodManager.Web.Components.Import;

/// <summary>A data file sent from the browser into the temp folder, for an import job that removes it when it ends.</summary>
public static class TempUpload
{
    /// <summary>
    /// Copies the file into Temp/uploads and returns where; a failed or cut-off upload leaves no file behind. The
    /// original name (made safe) stays visible in the job's title and in errors; the suffix keeps two uploads apart.
    /// </summary>
    public static async Task<string> SaveAsync(IBrowserFile file, DataPaths paths, long limit, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(paths.Temp, "uploads");
        Directory.CreateDirectory(folder);
        var safe = string.Concat(Path.GetFileNameWithoutExtension(file.Name).Split(Path.GetInvalidFileNameChars()));
        var path = Path.Combine(folder, $"{safe}-{Guid.NewGuid().ToString("N")[..8]}{Path.GetExtension(file.Name)}");
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using var source = file.OpenReadStream(limit, cancellationToken);
            await source.CopyToAsync(target, cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return path;
    }
}
