using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Testing;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;
using Fault = VodManager.Tests.Fixtures.FileServer.Fault;

namespace VodManager.Tests.Jobs;

/// <summary>
/// The CLI runs its jobs in its own process, in no scheduler's store. Two CLI processes download videos from a real
/// HTTP server; one is SIGKILLed part-way, the other waits on the server; then the app starts on the same data folder.
/// The app's start-up marks the killed one's job failed and releases what it held; the running one is left alone and
/// finishes once the server sends the rest.
/// </summary>
[Collection(CrashCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class CliJobRecoveryTests : IAsyncLifetime
{
    /// <summary>What the server sends before it stops: two checkpoints and a little.</summary>
    private const long SentFirst = (2L << 20) + 1000;

    private FileServer _server = default!;

    public async Task InitializeAsync() => _server = await FileServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_app_starting_releases_a_killed_cli_import_and_leaves_a_running_one_to_finish()
    {
        var path = await TestMedia.GetAsync(ImportHost.FiveCheckpoints);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Serve("killed.mp4", path).Fail("killed.mp4", new Fault.StallAfter(SentFirst));
        _server.Serve("running.mp4", path).Fail("running.mp4", new Fault.HoldAfter(SentFirst, release.Task));
        await using var host = await CoreHost.StartAsync();
        var (account, killedStream) = await host.AddAccountWithStreamAsync();
        var runningStream = (await host.AddStreamAsync(account.Id, "Second")).Id;
        var environment = new Dictionary<string, string>
        {
            ["VodManager__DataFolder"] = host.DataFolder,
            ["VodManager__SeedDemo"] = "false",
            ["Import__AllowPrivateAddresses"] = "true",
            ["Import__UrlCheckpointBytes"] = (1 << 20).ToString(CultureInfo.InvariantCulture),
            ["Import__UrlStallTimeout"] = "00:10:00", // a held answer is waited on, not taken up again
        };
        var log = new ProcessLog();

        var killed = StartImport("killed", killedStream.Id, "killed.mp4");
        try
        {
            await WaitForCheckpointsAsync(killedStream.Id);
        }
        finally
        {
            ChildProcess.Stop(killed);
        }

        var running = StartImport("running", runningStream, "running.mp4");
        Process? app = null;
        var runningJobId = Guid.Empty;
        try
        {
            await WaitForCheckpointsAsync(runningStream);
            app = WebHostProcess.StartServer(environment, line => log.Append("app: " + line));
            // It says so once it serves, after its start-up sweeps and its scheduler's start.
            await Wait.UntilAsync(() => log.ToString().Contains("app: VodManager is running"), $"the app did not start\n{log}", TimeSpan.FromSeconds(90));

            await using (var db = await host.DbAsync())
            {
                var killedJob = await db.Jobs.AsNoTracking().SingleAsync(j => j.StreamId == killedStream.Id);
                Assert.True((killedJob.Status, killedJob.Error) == (JobStatus.Failed, InterruptedJobs.Reason), $"{killedJob.Status}: {killedJob.Error}\n{log}");
                var runningJob = await db.Jobs.AsNoTracking().SingleAsync(j => j.StreamId == runningStream);
                Assert.Equal(JobStatus.Running, runningJob.Status);
                runningJobId = runningJob.Id;
                var pending = await db.Vods.IgnoreQueryFilters().AsNoTracking().Where(v => v.AccountId == account.Id).ToListAsync();
                Assert.Equal([(runningStream, VodStatus.Pending)], pending.Select(v => (v.StreamId, v.Status)));
                Assert.True(await db.DownloadCheckpoints.CountAsync() >= 2, "the running import's checkpoints were dropped");
            }

            release.SetResult();
            // Its watchdog keeps the wrapper's output open, so the exit is polled rather than awaited.
            await Wait.UntilAsync(() => running.HasExited, $"the running import never ended\n{log}", TimeSpan.FromSeconds(90));
            Assert.True(running.ExitCode == 0, $"the running import exited {running.ExitCode}\n{log}");
        }
        finally
        {
            ChildProcess.Stop(running);
            if (app is not null)
            {
                ChildProcess.Stop(app);
            }
        }

        await using (var db = await host.DbAsync())
        {
            Assert.Equal(JobStatus.Succeeded, (await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == runningJobId)).Status);
            var vod = await db.Vods.IgnoreQueryFilters().AsNoTracking().SingleAsync(v => v.AccountId == account.Id);
            Assert.Equal((runningStream, VodStatus.Stored, new FileInfo(path).Length), (vod.StreamId, vod.Status, vod.SizeBytes));
            Assert.Empty(await db.DownloadCheckpoints.ToListAsync());
            // The killed import's partial file went with its reservation: the video's object is all there is.
            Assert.Equal([vod.StorageKey], await Leftovers.StoredKeysAsync(host.Services, account.Id));
        }

        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(account.Id, CancellationToken.None)).Balanced);

        Process StartImport(string name, int streamId, string file) => WebHostProcess.StartServer(
            environment, line => log.Append($"{name}: {line}"), "import", "--stream", $"{streamId}", "--video", _server.Sized(file).ToString());

        Task WaitForCheckpointsAsync(int streamId) => CutScenario.WaitUntilAsync(host,
            db => db.DownloadCheckpoints.AnyAsync(c => c.Index >= 1 && db.Vods.IgnoreQueryFilters().Any(v => v.Id == c.VodId && v.StreamId == streamId)),
            TimeSpan.FromSeconds(90), log);
    }
}
