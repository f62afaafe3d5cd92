using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Storage;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

/// <summary>
/// A chat file uploaded through one node is imported by a job that another node runs (clustered jobs go to any node):
/// the upload waits in the shared Blob storage, not in the receiving node's temp folder, and nothing of it is left
/// anywhere once the job ends.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class DataUploadAcrossNodesTests
{
    /// <summary>The messages in <see cref="Parsers.SmallRealLog"/>.</summary>
    private const int SmallLogMessages = 545;

    [Fact]
    public async Task A_chat_uploaded_to_node_a_is_imported_by_a_job_on_node_b_and_nothing_is_left()
    {
        var settings = await SettingsAsync();
        await using var a = await StartNodeAsync(settings);
        await using var b = await StartNodeAsync(settings);
        Assert.NotEqual(a.DataFolder, b.DataFolder);
        var (account, stream) = await a.AddAccountWithStreamAsync();

        // What node A does when the browser's file arrives and its job is queued.
        var received = a.Get<DataUploadStaging>();
        var saved = await ReceiveChatAsync(received, "my chat.json");

        var key = await received.ShareAsync(account.Id, saved, CancellationToken.None);
        Assert.False(File.Exists(saved), "the upload stayed on the node that received it");
        var request = new ImportFileRequest { AccountId = account.Id, StreamId = stream.Id, DataKind = IngestKind.Chat, Path = saved, SharedKey = key, RequestedBy = "test" };

        // Node B runs the job, as a clustered scheduler may pick it.
        var jobId = await b.Get<JobTracker>().RecordQueuedAsync(request, CancellationToken.None);
        await b.Get<JobExecutor>().ExecuteAsync(jobId, request, recovering: false, CancellationToken.None);

        await using (var db = await b.DbAsync())
        {
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.True(job.Status == JobStatus.Succeeded, $"job {job.Status}: {job.Error}");
            // The editor sees the name they picked, not the server copy's.
            Assert.Equal("Import chat my chat.json", job.Title);
            Assert.Equal(SmallLogMessages, await db.ChatMessages.CountAsync(m => m.StreamId == stream.Id));
        }

        Assert.False(await b.Get<IVodStorage>().ExistsAsync(key, CancellationToken.None), "the shared upload was kept after its import");
        AssertNothingIn(received);
        AssertNothingIn(b.Get<DataUploadStaging>());
    }

    [Fact]
    public async Task An_upload_for_a_stream_of_another_account_is_refused_and_nothing_is_kept()
    {
        await using var a = await StartNodeAsync(await SettingsAsync());
        var (account, _) = await a.AddAccountWithStreamAsync();
        var (_, otherStream) = await a.AddAccountWithStreamAsync(name: "Other account");
        var uploads = a.Get<DataUploadStaging>();
        var saved = await ReceiveChatAsync(uploads, "chat.json");

        await Assert.ThrowsAsync<IngestException>(() =>
            a.Get<ImportJobs>().ImportFileAsync(account.Id, otherStream.Id, IngestKind.Chat, saved, deleteWhenDone: true, lastOfBatch: true, "test", CancellationToken.None));

        AssertNothingIn(uploads);
        var shared = new List<string>();
        await foreach (var key in a.Get<IVodStorage>().ListAsync(StorageKeys.AccountPrefix(account.Id), CancellationToken.None))
        {
            shared.Add(key);
        }

        Assert.Empty(shared);
    }

    [Fact]
    public async Task An_upload_imported_on_the_node_that_received_it_leaves_nothing_either()
    {
        await using var a = await StartNodeAsync(await SettingsAsync());
        var (account, stream) = await a.AddAccountWithStreamAsync();
        var uploads = a.Get<DataUploadStaging>();
        var saved = await ReceiveChatAsync(uploads, "chat.json");

        // The core host's queue runs the job at once, on this node.
        await a.Get<ImportJobs>().ImportFileAsync(account.Id, stream.Id, IngestKind.Chat, saved, deleteWhenDone: true, lastOfBatch: true, "test", CancellationToken.None);

        await using (var db = await a.DbAsync())
        {
            Assert.Equal(SmallLogMessages, await db.ChatMessages.CountAsync(m => m.StreamId == stream.Id));
        }

        AssertNothingIn(uploads);
        await foreach (var key in a.Get<IVodStorage>().ListAsync(StorageKeys.AccountPrefix(account.Id), CancellationToken.None))
        {
            Assert.Fail($"'{key}' was left in storage");
        }
    }

    [Fact]
    public async Task Two_uploads_of_one_name_are_kept_apart_under_that_name_and_each_goes_on_its_own_and_a_hostile_name_is_not_used()
    {
        await using var a = await StartNodeAsync(await SettingsAsync());
        var uploads = a.Get<DataUploadStaging>();
        var first = await ReceiveChatAsync(uploads, "my chat.json");
        var second = await ReceiveChatAsync(uploads, "my chat.json");
        // A browser names its file: a name that would lead out of the upload's folder is not used.
        var hostile = await ReceiveChatAsync(uploads, "..");

        Assert.NotEqual(first, second);
        Assert.All([first, second], path => Assert.Equal("my chat.json", Path.GetFileName(path)));
        Assert.Equal("upload", Path.GetFileName(hostile));
        Assert.Equal(Path.GetDirectoryName(Path.GetDirectoryName(first)), Path.GetDirectoryName(Path.GetDirectoryName(hostile)));
        uploads.Remove(hostile);
        uploads.Remove(first);
        Assert.False(File.Exists(first));
        Assert.True(File.Exists(second), "removing one upload took the other of the same name");
        uploads.Remove(second);
        AssertNothingIn(uploads);
    }

    /// <summary>No file and no upload's folder is left: only the nodes' own folders.</summary>
    private static void AssertNothingIn(DataUploadStaging uploads) =>
        Assert.Empty(Directory.EnumerateDirectories(uploads.Root).SelectMany(node => Directory.EnumerateFileSystemEntries(node)).Concat(Directory.EnumerateFiles(uploads.Root)));

    private static async Task<Dictionary<string, string?>> SettingsAsync() =>
        await CutScenario.BlobSettingsAsync(await TestDatabase.SettingsAsync(DatabaseEngine.PostgreSql));

    private static async Task<CoreHost> StartNodeAsync(Dictionary<string, string?> settings)
    {
        var host = await CoreHost.StartAsync(settings, s => s.AddJobHandlers());
        await host.Get<IVodStorage>().CheckHealthAsync(CancellationToken.None); // as start-up does: creates the container
        return host;
    }

    /// <summary>What the editor's upload does: the browser's bytes saved on the node that received them.</summary>
    private static async Task<string> ReceiveChatAsync(DataUploadStaging uploads, string name)
    {
        await using var source = File.OpenRead(Parsers.RealChat(Parsers.SmallRealLog));
        return await uploads.SaveAsync(source, name, CancellationToken.None);
    }
}
