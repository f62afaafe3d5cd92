using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Cutting;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Hosting;

/// <summary>
/// The Prometheus scrape endpoint of a node that ran a real cut (its own process, so nothing else in the test run
/// feeds its counters): the ffmpeg, job, storage-read and quota series are there with what the cut did.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task After_a_real_cut_the_scrape_shows_ffmpeg_runs_the_job_storage_bytes_read_and_the_reservations()
    {
        var settings = await CutScenario.BlobSettingsAsync(await TestDatabase.SettingsAsync(DatabaseEngine.PostgreSql));
        await using var s = await CutScenario.StartAsync(settings, new TestPatternSpec(30), countReads: false);
        await s.AddHighlightAsync(2, 8);
        await s.AddHighlightAsync(14, 20);
        await using var node = await AppNode.StartAsync("metrics", new Dictionary<string, string?>(settings) { ["Telemetry:Prometheus"] = "true" });
        using var http = node.CreateClient();

        var jobId = await s.EnqueueCutAllAsync(settings);
        try
        {
            await s.WaitUntilAsync(db => db.Jobs.AnyAsync(j => j.Id == jobId && (j.Status == JobStatus.Succeeded || j.Status == JobStatus.Failed)), TimeSpan.FromSeconds(240), new ProcessLog());
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the cut did not finish:\n{node.Log}");
        }

        await using (var db = await s.Host.DbAsync())
        {
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.Error}");
        }

        var stored = (await s.ClipRowsAsync()).Where(c => c.Status == VodStatus.Stored).ToList();
        Assert.Equal(2, stored.Count);

        using (var health = await http.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode); // a finished request, for the HTTP series
        }

        // Anonymous, as a scraper asks; the job's own metrics are recorded as it ends, before the scrape.
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scrape = await response.Content.ReadAsStringAsync();

        Assert.True(Sum(scrape, "vodmanager_ffmpeg_duration_seconds_count", "exit_code=\"0\"") >= 2, Series(scrape, "vodmanager_ffmpeg"));
        Assert.True(Sum(scrape, "vodmanager_ffmpeg_duration_seconds_sum", "exit_code=\"0\"") > 0, Series(scrape, "vodmanager_ffmpeg"));
        Assert.Equal(1, Sum(scrape, "vodmanager_job_duration_seconds_count", $"kind=\"{CutAllRequest.JobKind}\"", "outcome=\"succeeded\""));
        Assert.Equal(1, Sum(scrape, "vodmanager_job_queue_wait_seconds_count", $"kind=\"{CutAllRequest.JobKind}\""));
        Assert.True(Sum(scrape, "vodmanager_storage_read_bytes_total", "provider=\"AzureBlob\"") > 0, Series(scrape, "vodmanager_storage"));
        Assert.Equal(2, Sum(scrape, "vodmanager_quota_reservations_total", "outcome=\"reserved\""));
        Assert.True(Sum(scrape, "vodmanager_quota_reserved_bytes_total") > 0, Series(scrape, "vodmanager_quota"));
        Assert.True(Sum(scrape, "http_server_request_duration_seconds_count") > 0, Series(scrape, "http_server"));
    }

    /// <summary>The sum of a series' samples whose labels contain every one of <paramref name="labels"/>.</summary>
    private static double Sum(string scrape, string name, params string[] labels) =>
        scrape.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => labels.All(l.Contains))
            .Sum(l => double.Parse((l.Contains('}') ? l[(l.LastIndexOf('}') + 1)..] : l[name.Length..]).Trim().Split(' ')[0], CultureInfo.InvariantCulture));

    private static string Series(string scrape, string prefix) =>
        string.Join('\n', scrape.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));
}
