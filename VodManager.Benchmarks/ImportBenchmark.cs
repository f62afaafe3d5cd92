using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Diagnostics;
using VodManager.Core.Ingest;

namespace VodManager.Benchmarks;

/// <summary>
/// `import [--hours H] [--rate R] [--every-ms MS]`: writes the detect benchmark's synthetic chat (12 h, about 2M lines of
/// TwitchDownloader JSON) and imports it on SQLite twice, each into a fresh database, while another account's row is
/// inserted every 200 ms and each such write is timed. The product: <see cref="IngestService"/> as the app runs it
/// (check pass, short store transactions under a hidden import id, one write that shows the rows, purge). The baseline:
/// the import as it was before it stopped stalling other writers, the same check pass then every row stored in one
/// transaction with the same parser and bulk inserter (the product can no longer do that by a setting).
/// </summary>
public sealed class ImportBenchmark : IBenchmark
{
    public string Name => "import";

    public string Description => "2M-line chat import vs one transaction; latency of other writes meanwhile";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var hours = BenchmarkArgs.Number(args, "--hours", 12);
        var rate = BenchmarkArgs.Number(args, "--rate", 58);
        var every = TimeSpan.FromMilliseconds(BenchmarkArgs.Number(args, "--every-ms", 200));
        var folder = Path.Combine(Path.GetTempPath(), $"vodmanager-bench-import-{Environment.ProcessId}");
        try
        {
            Console.Error.WriteLine($"writing a {hours} h synthetic chat under {folder} …");
            var stream = await SyntheticStreamGenerator.WriteAsync(new SyntheticStreamSpec(hours * 3600, Seed: 12, MessagesPerSecond: rate, Plant: false), Path.Combine(folder, "stream"), cancellationToken);
            var warmup = await SyntheticStreamGenerator.WriteAsync(new SyntheticStreamSpec(600, Seed: 3, MessagesPerSecond: rate, Plant: false), Path.Combine(folder, "warmup"), cancellationToken);

            // JIT and first-use costs paid once, outside both measured runs.
            await RunAsync(Path.Combine(folder, "warmup-product"), warmup.Chat, ProductAsync, every, cancellationToken);
            await RunAsync(Path.Combine(folder, "warmup-baseline"), warmup.Chat, BaselineAsync, every, cancellationToken);

            using var stages = new StageTimes();
            Console.Error.WriteLine($"importing {stream.Messages:N0} lines through IngestService …");
            var product = await RunAsync(Path.Combine(folder, "product"), stream.Chat, ProductAsync, every, cancellationToken);
            var productStages = stages.Snapshot();
            Console.Error.WriteLine("importing them again in one transaction …");
            var baseline = await RunAsync(Path.Combine(folder, "baseline"), stream.Chat, BaselineAsync, every, cancellationToken);

            var ratio = product.Wall / baseline.Wall;
            PrintTable(stream, product, productStages, baseline, ratio);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                lines = product.Rows,
                import_wall_s = Math.Round(product.Wall, 3),
                baseline_wall_s = Math.Round(baseline.Wall, 3),
                ratio = Math.Round(ratio, 3),
                other_write_max_ms = Math.Round(product.Writes.MaxMs, 1),
                other_write_p95_ms = Math.Round(product.Writes.P95Ms, 1),
                other_write_failed = product.Writes.Failed,
                baseline_other_write_max_ms = Math.Round(baseline.Writes.MaxMs, 1),
                baseline_other_write_p95_ms = Math.Round(baseline.Writes.P95Ms, 1),
                baseline_other_write_failed = baseline.Writes.Failed,
            }));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private delegate Task<long> Import(ServiceProvider services, int accountId, int streamId, string chat, Action<string, double> stage, CancellationToken cancellationToken);

    /// <summary>One import into a fresh database while another account writes every <paramref name="every"/>.</summary>
    private static async Task<Run> RunAsync(string dataFolder, string chat, Import import, TimeSpan every, CancellationToken cancellationToken)
    {
        await using var services = BenchmarkHost.Build(dataFolder, appSettings: true);
        await BenchmarkHost.PrepareAsync(services, cancellationToken);
        var importer = await BenchmarkHost.AddAccountAsync(services, "importer", 0, cancellationToken);
        var stream = await BenchmarkHost.AddStreamAsync(services, importer, "imported", cancellationToken);
        var other = await BenchmarkHost.AddAccountAsync(services, "other", 0, cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writes = Task.Run(() => OtherWritesAsync(services, other, every, stop.Token), CancellationToken.None);
        var stages = new List<(string, double)>();
        var watch = Stopwatch.StartNew();
        long rows;
        try
        {
            rows = await import(services, importer, stream.Id, chat, (name, seconds) => stages.Add((name, seconds)), cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var wall = watch.Elapsed.TotalSeconds;
        return new Run(wall, rows, stages, await writes);
    }

    private static async Task<long> ProductAsync(ServiceProvider services, int accountId, int streamId, string chat, Action<string, double> stage, CancellationToken cancellationToken) =>
        (await services.GetRequiredService<IngestService>().ImportAsync(accountId, streamId, IngestKind.Chat, chat, progress: null, cancellationToken)).Rows;

    /// <summary>The import before the fix: the file checked whole, then parsed again into one write transaction.</summary>
    private static async Task<long> BaselineAsync(ServiceProvider services, int accountId, int streamId, string chat, Action<string, double> stage, CancellationToken cancellationToken)
    {
        var parser = services.GetRequiredService<ChatLogParser>();
        var options = services.GetRequiredService<IOptions<IngestOptions>>().Value;
        var watch = Stopwatch.StartNew();
        long rows = 0;
        await using (var input = await IngestInput.OpenAsync(chat, options, cancellationToken))
        {
            await foreach (var batch in parser.ReadAsync(input, ChatReadMode.Full, clockStart: null, cancellationToken))
            {
                rows += batch.Count;
            }
        }

        stage("check pass (parse)", watch.Elapsed.TotalSeconds);
        watch.Restart();
        const long importId = 1;
        await using var db = await services.GetRequiredService<IDbContextFactory<VodDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            await using var input = await IngestInput.OpenAsync(chat, options, ct);
            await using (var inserter = new BulkInserter<ChatRecord>(db, typeof(ChatMessage), IngestService.ChatColumns, (r, column) => column switch
            {
                0 => streamId,
                1 => importId,
                _ => IngestService.ChatValue(r, column),
            }))
            {
                await foreach (var batch in parser.ReadAsync(input, ChatReadMode.Full, clockStart: null, ct))
                {
                    foreach (var record in batch)
                    {
                        await inserter.AddAsync(record, ct);
                    }
                }

                await inserter.FlushAsync(ct);
            }

            await db.Streams.Where(s => s.Id == streamId && s.AccountId == accountId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ChatImportId, importId), ct);
            return 0;
        }, cancellationToken);
        stage("one transaction (parse + store)", watch.Elapsed.TotalSeconds);
        return rows;
    }

    /// <summary>Another account's row inserted every <paramref name="every"/> (a write like a sign-in's), each timed; a write refused by the database counts as failed.</summary>
    private static async Task<Latencies> OtherWritesAsync(ServiceProvider services, int accountId, TimeSpan every, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var failed = 0;
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    await BenchmarkHost.AddStreamAsync(services, accountId, $"written at {DateTime.UtcNow:O}", CancellationToken.None);
                }
                catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
                {
                    failed++;
                }

                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        catch (OperationCanceledException)
        {
            // The import finished: the last write was timed already.
        }

        times.Sort();
        return new Latencies(times.Count, failed, times.Count == 0 ? 0 : times[^1], times.Count == 0 ? 0 : times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }

    private static void PrintTable(SyntheticStream stream, Run product, IReadOnlyList<(string Name, int Count, double Seconds, long Bytes)> stages, Run baseline, double ratio)
    {
        var mb = new FileInfo(stream.Chat).Length / (1024.0 * 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{product.Rows:N0} chat lines, {mb:0} MB JSON, SQLite; another account writes every 200 ms"));
        Console.WriteLine("| stage                                   | runs  | seconds |");
        Console.WriteLine("|-----------------------------------------|-------|---------|");
        var spans = 0.0;
        foreach (var (name, label) in new[]
                 {
                     (VodActivities.IngestCheck, "product: check pass (parse)"),
                     (VodActivities.IngestStore, "product: store transactions"),
                     (VodActivities.IngestYield, "product: writer left free after each"),
                     (VodActivities.IngestShow, "product: publish (show the rows)"),
                     (VodActivities.IngestPurge, "product: purge replaced rows"),
                 })
        {
            var (_, count, seconds, _) = stages.FirstOrDefault(s => s.Name == name);
            spans += seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label,-39} | {count,5} | {seconds,7:0.000} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {"product: parse between batches, rest",-39} |       | {product.Wall - spans,7:0.000} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {"product: import wall",-39} |       | {product.Wall,7:0.000} |"));
        foreach (var (name, seconds) in baseline.Stages)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {"baseline: " + name,-39} |       | {seconds,7:0.000} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {"baseline: import wall",-39} |       | {baseline.Wall,7:0.000} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {"ratio product / baseline (goal ≤ 1.2)",-39} |       | {ratio,7:0.000} |"));
        Console.WriteLine();
        Console.WriteLine("| other writes meanwhile | count | failed | max ms   | p95 ms   |");
        Console.WriteLine("|------------------------|-------|--------|----------|----------|");
        foreach (var (label, writes) in new[] { ("product (goal < 3000)", product.Writes), ("baseline", baseline.Writes) })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label,-22} | {writes.Count,5} | {writes.Failed,6} | {writes.MaxMs,8:0.0} | {writes.P95Ms,8:0.0} |"));
        }
    }

    private sealed record Run(double Wall, long Rows, IReadOnlyList<(string Name, double Seconds)> Stages, Latencies Writes);

    private sealed record Latencies(int Count, int Failed, double MaxMs, double P95Ms);
}
