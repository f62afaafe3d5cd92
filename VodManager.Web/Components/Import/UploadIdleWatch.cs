using VodManager.Core.Ingest.Uploads;

namespace VodManager.Web.Components.Import;

/// <summary>
/// Calls back when the first of the uploads still being sent elsewhere would count as stopped (Import:UploadIdleAfter
/// without a piece): a browser that closed sends nothing more to say so, so a page showing "going up" must look again.
/// </summary>
public sealed class UploadIdleWatch(TimeProvider time, Action onIdle, CancellationToken lifetime)
{
    private ITimer? _timer;

    /// <summary>Looks again at the right moment for these uploads (each call replaces the last one's moment).</summary>
    public void Watch(IEnumerable<UnfinishedUpload> uploads)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (uploads.Where(u => u.IsSending(now)).Select(u => (DateTime?)u.IdleAt).Min() is not { } idle)
        {
            return;
        }

        if (_timer is null)
        {
            _timer = time.CreateTimer(_ => onIdle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            lifetime.Register(_timer.Dispose);
        }

        // A moment past it: at the very tick the upload would still read as sending.
        _timer.Change(idle - now + TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan);
    }
}
