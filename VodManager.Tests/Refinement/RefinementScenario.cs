using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Media;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;
using VodManager.Core;

namespace VodManager.Tests.Refinement;

/// <summary>
/// An account with a stream in real SQLite (and real storage), optionally with a real generated source video whose
/// loudness is indexed, as detection leaves it; highlights are added directly and refined through the real refiner.
/// </summary>
internal sealed class RefinementScenario : IAsyncDisposable
{
    private RefinementScenario(CoreHost host, int accountId, int streamId, Vod? source)
    {
        Host = host;
        AccountId = accountId;
        StreamId = streamId;
        Source = source;
    }

    public CoreHost Host { get; }
    public int AccountId { get; }
    public int StreamId { get; }
    public Vod? Source { get; }

    public static async Task<RefinementScenario> StartAsync(
        string backend = MockBackend.BackendName,
        MediaSegment[]? media = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        Action<Account>? account = null)
    {
        var host = await CoreHost.StartAsync(settings, s =>
        {
            s.AddJobHandlers();
            configure?.Invoke(s);
        });
        var (created, stream) = await host.AddAccountWithStreamAsync();
        await using (var db = await host.DbAsync())
        {
            var row = await db.Accounts.SingleAsync(a => a.Id == created.Id);
            row.RefinementBackend = backend;
            account?.Invoke(row);
            await db.SaveChangesAsync();
        }

        Vod? source = null;
        if (media is not null)
        {
            await host.Get<IVodStorage>().CheckHealthAsync(CancellationToken.None); // as start-up does: creates a blob container
            source = await host.Get<VideoImportService>().ImportLocalFileAsync(created.Id, stream.Id, await SegmentedMedia.GetAsync(media), null, CancellationToken.None);
            await host.Get<MediaIndexService>().GetOrComputeAsync(source, null, CancellationToken.None);
        }

        return new RefinementScenario(host, created.Id, stream.Id, source);
    }

    public async Task<Highlight> AddHighlightAsync(double start, double end, double score = 5, Action<Highlight>? tweak = null)
    {
        await using var db = await Host.DbAsync();
        var rank = await db.Highlights.CountAsync(h => h.StreamId == StreamId) + 1;
        var highlight = Builders.Highlight(AccountId, StreamId, rank, start, end, score, new SignalBreakdown { Audio = 0.8 });
        tweak?.Invoke(highlight);
        db.Highlights.Add(highlight);
        await db.SaveChangesAsync();
        return highlight;
    }

    public Task<RefineRunResult> RefineAsync(IReadOnlyList<int>? highlightIds = null, string? backend = null, CancellationToken cancellationToken = default) =>
        Host.Get<Refiner>().RunAsync(
            new RefineRequest { AccountId = AccountId, StreamId = StreamId, HighlightIds = highlightIds, Backend = backend, RequestedBy = "tester" },
            null, "refine:test", cancellationToken);

    public async Task<Highlight> HighlightAsync(int id)
    {
        await using var db = await Host.DbAsync();
        return await db.Highlights.AsNoTracking()
            .Include(h => h.RefinementAttempts.OrderBy(a => a.Run).ThenBy(a => a.Iteration))
            .SingleAsync(h => h.Id == id);
    }

    /// <summary>
    /// Imports <paramref name="seconds"/> of small-channel chat (0–1 lines a second) with one 8 s burst of reactions from
    /// <paramref name="burstFrom"/>, 8 lines a second: what the chat model finds but is not sure of.
    /// </summary>
    public async Task ImportChatAsync(int seconds, int burstFrom)
    {
        using var folder = new TempFolder("scenario-chat");
        var chat = folder.File("chat.txt");
        var random = new Random(1);
        bool Burst(int second) => second >= burstFrom && second < burstFrom + 8;
        await File.WriteAllLinesAsync(chat, Enumerable.Range(0, seconds).SelectMany(second =>
            Enumerable.Range(0, Burst(second) ? 8 : random.Next(2)).Select(_ =>
                $"[00:{second / 60:00}:{second % 60:00}] user{random.Next(60)}: {(Burst(second) ? "KEKW no way" : "hello chat")}")));
        await Host.Get<IngestService>().ImportAsync(AccountId, StreamId, IngestKind.Chat, chat, null, CancellationToken.None);
    }

    /// <summary>Marks stretches of the source as muted by the platform, as an HLS import of a Twitch VOD with muted parts stores them.</summary>
    public async Task MuteAsync(params (double Start, double End)[] stretches)
    {
        await using var db = await Host.DbAsync();
        await db.Vods.Where(v => v.Id == Source!.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.MutedStretches, MutedSound.Of(stretches).Store()));
    }

    public async Task SetAccountAsync(Action<Account> change)
    {
        await using var db = await Host.DbAsync();
        var row = await db.Accounts.SingleAsync(a => a.Id == AccountId);
        change(row);
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
