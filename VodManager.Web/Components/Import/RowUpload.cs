using VodManager.Core;
using VodManager.Core.Ingest.Uploads;

namespace VodManager.Web.Components.Import;

/// <summary>What a streams-list row says of its stream's video upload, whichever browser sends it.</summary>
/// <param name="Stopped">No piece came for Import:UploadIdleAfter: its browser closed, slept or lost its connection.</param>
public sealed record RowUpload(string Text, double Percent, bool Stopped)
{
    /// <summary>
    /// Each stream's upload: the one this tab runs (its own, byte-exact progress), else the server's latest unfinished one,
    /// sent from another tab or browser (or stopped there). <paramref name="date"/> writes a UTC time in the editor's zone.
    /// </summary>
    public static IReadOnlyDictionary<int, RowUpload> For(
        IReadOnlyDictionary<int, TabUpload> tab, IReadOnlyList<UnfinishedUpload> server, DateTime utcNow, Func<DateTime, string> date)
    {
        var rows = new Dictionary<int, RowUpload>();
        foreach (var upload in server.OrderBy(u => u.LastActiveAt))
        {
            var size = $"{ByteSize.Format(upload.Offset)} of {ByteSize.Format(upload.Length)}";
            rows[upload.StreamId] = upload.IsSending(utcNow)
                ? new RowUpload($"Uploading '{upload.FileName}' from another tab or browser: {size}", upload.Percent, Stopped: false)
                : new RowUpload($"Upload of '{upload.FileName}' stopped at {size}, the last piece at {date(upload.LastActiveAt)}; "
                    + "choosing the same file on the stream's page continues it", upload.Percent, Stopped: true);
        }

        foreach (var (streamId, upload) in tab)
        {
            rows[streamId] = new RowUpload($"Uploading '{upload.FileName}': {upload.Progress}", upload.Percent, Stopped: false);
        }

        return rows;
    }
}
