using Microsoft.EntityFrameworkCore;
using Quartz;
using VodManager.Core.Accounts;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Tests.Fixtures;
using VodManager.Web.Jobs;

namespace VodManager.Tests.Jobs;

/// <summary>Jobs live in Quartz's persistent store (SQLite, or the PostgreSQL database): a job scheduled before a shutdown runs after the next start.</summary>
[Trait(Speed.Name, Speed.Slow)]
public abstract class PersistentJobStoreTests
{
    protected abstract DatabaseEngine Engine { get; }

    [Fact]
    public async Task A_job_scheduled_before_a_restart_runs_after_it()
    {
        using var data = new TempFolder("restart");
        var settings = await TestDatabase.SettingsAsync(Engine);
        // Server paths import only from Import:Roots; appsettings.json names "imports" in the data folder.
        var video = Path.Combine(Directory.CreateDirectory(Path.Combine(data.Path, "imports")).FullName, "source.mp4");
        File.Copy(await TestMedia.GetAsync(), video);
        Guid jobId;
        int streamId;

        await using (var first = await RunningApp.StartAsync(settings, dataFolder: data.Path))
        {
            streamId = await AddStreamAsync(first);
            var request = new ImportVideoRequest { AccountId = 1, StreamId = streamId, Path = video };
            jobId = await first.Get<JobTracker>().RecordQueuedAsync(request, CancellationToken.None);
            var job = JobBuilder.Create<RunJobRequest>()
                .WithIdentity(jobId.ToString(), QuartzJobQueue.Group)
                .UsingJobData(RunJobRequest.JobIdKey, jobId.ToString())
                .UsingJobData(RunJobRequest.KindKey, request.Kind)
                .UsingJobData(RunJobRequest.PayloadKey, first.Get<JobRegistry>().Serialize(request))
                .RequestRecovery()
                .Build();

            // Fires after this host is gone: only the persistent store can carry it over.
            var trigger = TriggerBuilder.Create().ForJob(job).StartAt(DateTimeOffset.UtcNow.AddSeconds(4)).Build();
            var scheduler = await first.Get<ISchedulerFactory>().GetScheduler(CancellationToken.None);
            await scheduler.ScheduleJob(job, trigger, default, CancellationToken.None);
        }

        await using var second = await RunningApp.StartAsync(settings, dataFolder: data.Path);
        var record = await WaitForFinishAsync(second, jobId);

        Assert.True(record.Status == JobStatus.Succeeded, $"the job ended {record.Status}: {record.Error}");
        await using var db = await second.Get<IDbContextFactory<VodDbContext>>().CreateDbContextAsync();
        var vod = await db.Vods.SingleAsync(v => v.StreamId == streamId);
        Assert.Equal(VodStatus.Stored, vod.Status);
        Assert.Equal(new FileInfo(video).Length, vod.SizeBytes);
    }

    private static async Task<int> AddStreamAsync(RunningApp app)
    {
        await using var db = await app.Get<IDbContextFactory<VodDbContext>>().CreateDbContextAsync();
        var stream = new LiveStream
        {
            Account = new Account { Name = "Restart test", Plan = AccountPlan.Paid, QuotaBytes = 1L << 30, CreatedAt = DateTime.UtcNow },
            Channel = "c",
            Title = "restart",
            StartedAt = DateTime.UtcNow,
            CreatedAt = DateTime.UtcNow,
        };
        db.Streams.Add(stream);
        await db.SaveChangesAsync();
        return stream.Id;
    }

    private static async Task<JobRecord> WaitForFinishAsync(RunningApp app, Guid jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var db = await app.Get<IDbContextFactory<VodDbContext>>().CreateDbContextAsync())
            {
                var record = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
                if (record.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
                {
                    return record;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "the job did not run after the restart");
            await Task.Delay(200);
        }
    }

    public sealed class OnSqlite : PersistentJobStoreTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : PersistentJobStoreTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
