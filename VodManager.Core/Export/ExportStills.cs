using VodManager.Core.Media;

namespace VodManager.Core.Export;

/// <summary>A small still of a clip (a JPEG from its middle) for the editor's framing picker.</summary>
public sealed class ExportStills(ExportService exports, VodInputs inputs, WorkAreas work, FfmpegRunner ffmpeg)
{
    public const int Width = 480;

    /// <returns>The JPEG's bytes, as wide as <see cref="Width"/>, with the clip's aspect ratio.</returns>
    public async Task<byte[]> GetAsync(int accountId, int clipVodId, CancellationToken cancellationToken)
    {
        var clip = await exports.FindClipAsync(accountId, clipVodId, cancellationToken);
        var input = await inputs.ResolveAsync(clip.StorageKey, cancellationToken);
        var folder = work.Exports.Folder;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"still-{clip.Id}-{Guid.NewGuid():N}.jpg");
        try
        {
            await ffmpeg.RunAsync(FfmpegArguments.StillFrame(input, (clip.DurationSeconds ?? 0) / 2, Width, path), path, null, null, cancellationToken);
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (FfmpegException e)
        {
            throw new ExportException($"No still frame could be read from clip {clipVodId}: {e.Message}", e);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
