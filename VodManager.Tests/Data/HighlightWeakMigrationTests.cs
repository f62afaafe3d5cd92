using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VodManager.Core.Data;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Data;

/// <summary>
/// Upgrading a database whose highlights were detected before weakness was stored: the migration marks the weak ones
/// (their reason text began "weak: ") and leaves the confident ones, on a real SQLite file.
/// </summary>
public sealed class HighlightWeakMigrationTests : IDisposable
{
    private const string Before = "20261202105605_JobCancelRequest";
    private readonly TempFolder _folder = new("weak-migration");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Highlights_detected_before_are_marked_weak_by_their_reason_text()
    {
        var connection = $"Data Source={_folder.File("vods.db")};Pooling=False";
        await using var db = new SqliteVodDbContext(new DbContextOptionsBuilder<SqliteVodDbContext>().UseSqlite(connection).Options);
        await db.GetService<IMigrator>().MigrateAsync(Before);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Accounts" ("Id", "AutoRefine", "CreatedAt", "EvictOldClips", "Name", "Plan", "RefinementsPerDay", "RefinementsPerRun", "UsedBytes", "VodCount")
            VALUES (1, 0, '2026-12-01 10:00:00', 0, 'Old', 'Free', 10, 5, 0, 0);
            INSERT INTO "Streams" ("Id", "AccountId", "Channel", "ChatImportId", "CreatedAt", "EventsImportId", "StartedAt", "Title", "TranscriptImportId")
            VALUES (1, 1, 'liihs', 0, '2026-12-01 10:00:00', 0, '2026-12-01 09:00:00', 'Old stream', 0);
            INSERT INTO "Highlights" ("Id", "AccountId", "StreamId", "Rank", "DetectedStart", "DetectedEnd", "Score", "Signals_Audio", "Signals_Chat", "Signals_Events", "Signals_Transcript", "Explanation", "ClipStatus", "RefinementStatus", "Dismissed", "CreatedAt")
            VALUES (1, 1, 1, 1, 100, 156, 1.6, 0, 0.9, 0, 0, 'chat model p=0.81: 2.3× the last minutes', 'None', 'Pending', 0, '2026-12-01 10:00:00'),
                   (2, 1, 1, 2, 400, 456, 0.4, 0, 0.3, 0, 0, 'weak: chat model p=0.22: 1.1× the last minutes', 'None', 'Pending', 0, '2026-12-01 10:00:00'),
                   (3, 1, 1, 3, 700, 756, 0.3, 0, 0.2, 0, 0, NULL, 'None', 'Pending', 0, '2026-12-01 10:00:00');
            """);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var rows = await db.Highlights.AsNoTracking().OrderBy(h => h.Id).Select(h => new { h.Id, h.IsWeak, h.DetectionConfidence }).ToListAsync();
        Assert.Equal([(1, false), (2, true), (3, false)], rows.Select(r => (r.Id, r.IsWeak)));
        Assert.All(rows, r => Assert.Null(r.DetectionConfidence));
    }
}
