using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Events;
using VodManager.Core.Library;

namespace VodManager.Core.Notifications;

/// <summary>
/// Tells the account owner that a stream's archive is stored. Clips raise the same event, but a batch of ten clips
/// must not send ten "stream archived" notices (a past bug), so clips are ignored here.
/// </summary>
public sealed class StreamArchivedNotificationListener(
    IDbContextFactory<VodDbContext> dbFactory,
    TimeProvider time,
    ILogger<StreamArchivedNotificationListener> logger) : IDomainEventHandler<VodArchivedEvent>
{
    public const string Kind = "stream-archived";

    public async Task HandleAsync(VodArchivedEvent domainEvent, CancellationToken cancellationToken)
    {
        if (domainEvent.Type != VodType.Archive)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Notifications.Add(new Notification
        {
            AccountId = domainEvent.AccountId,
            Kind = Kind,
            Title = $"Stream archived: {domainEvent.Title}",
            StreamId = domainEvent.StreamId,
            VodId = domainEvent.VodId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Notified account {AccountId}: stream {StreamId} archived as VOD {VodId}", domainEvent.AccountId, domainEvent.StreamId, domainEvent.VodId);
    }
}
