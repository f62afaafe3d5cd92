using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Diagnostics;
using VodManager.Core.Media;
using VodManager.Core.Storage;

namespace VodManager.Core.Quota;

/// <summary>
/// One VOD write between its reservation and its commit (<see cref="QuotaService.BeginWriteAsync"/>). Disposing it
/// without a commit releases the reservation (refund, pending row and written bytes gone), whatever failed; it also
/// removes the write's work folder, committed or not.
/// </summary>
public sealed class VodWrite : IAsyncDisposable
{
    private readonly QuotaService _quota;
    private readonly IVodStorage _storage;
    private bool _settled;

    internal VodWrite(QuotaService quota, IVodStorage storage, ReservationOutcome reservation, string? workFolder)
    {
        _quota = quota;
        _storage = storage;
        Reservation = reservation;
        WorkFolder = workFolder;
        _settled = reservation.AlreadyStored;
    }

    public ReservationOutcome Reservation { get; }

    /// <summary>The pending row that holds the reservation, or the stored one when <see cref="AlreadyStored"/>.</summary>
    public Vod Vod => Reservation.Vod;

    /// <summary>A VOD with this external id is already stored: nothing to write.</summary>
    public bool AlreadyStored => Reservation.AlreadyStored;

    /// <summary>The write's own local folder (created when the write began), or null when it writes straight to storage.</summary>
    public string? WorkFolder { get; }

    /// <summary>
    /// Stores a local file under the reserved key (taking it: local disk moves it into place) and commits the
    /// reservation at the file's real size.
    /// </summary>
    public Task<Vod> StoreAsync(string path, long bytes, MediaInfo media, CancellationToken cancellationToken) =>
        StoreAsync(path, bytes, media, null, cancellationToken);

    /// <summary>
    /// Stores a local file under the reserved key (taking it: local disk moves it into place) and commits the
    /// reservation at the file's real size, with what <paramref name="alongside"/> writes in the commit's transaction.
    /// </summary>
    public async Task<Vod> StoreAsync(string path, long bytes, MediaInfo media, Func<VodDbContext, CancellationToken, Task>? alongside, CancellationToken cancellationToken)
    {
        using (var activity = VodActivities.Start(VodActivities.StoragePut))
        {
            activity?.SetTag("bytes", bytes);
            await _storage.PutFileAsync(Vod.StorageKey, path, bytes, cancellationToken);
        }

        return await CommitAsync(bytes, media, alongside, cancellationToken);
    }

    /// <summary>Commits the reservation once its bytes are at <see cref="Vod"/>'s storage key.</summary>
    public Task<Vod> CommitAsync(long bytes, MediaInfo? media, CancellationToken cancellationToken) => CommitAsync(bytes, media, null, cancellationToken);

    private async Task<Vod> CommitAsync(long bytes, MediaInfo? media, Func<VodDbContext, CancellationToken, Task>? alongside, CancellationToken cancellationToken)
    {
        var stored = await _quota.CommitAsync(Vod.Id, bytes, media, alongside, cancellationToken);
        _settled = true;
        return stored;
    }

    /// <summary>Releases the reservation now (the bytes are refused or not needed); disposing does it otherwise.</summary>
    public async Task ReleaseAsync()
    {
        if (!_settled)
        {
            _settled = true;
            await _quota.ReleaseAsync(Vod.Id);
        }
    }

    /// <summary>
    /// The reservation outlives this handle: a record that survives restarts (an upload) now owns it and commits or
    /// releases it later, through <see cref="QuotaService.ResumeWrite"/>.
    /// </summary>
    public void HandOver() => _settled = true;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync();
        }
        finally
        {
            DeleteWorkFolder();
        }
    }

    private void DeleteWorkFolder()
    {
        try
        {
            if (WorkFolder is not null && Directory.Exists(WorkFolder))
            {
                Directory.Delete(WorkFolder, recursive: true);
            }
        }
        catch (IOException)
        {
            // ffmpeg may still be closing a file after a kill; the start-up sweep removes the rest.
        }
    }
}
