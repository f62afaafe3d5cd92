using VodManager.Benchmarks;

// Each benchmark lives in its own file; add it here to make it runnable by name.
IBenchmark[] benchmarks = [new CutBenchmark(), new DetectBenchmark(), new RefineBenchmark(), new ExportBenchmark(), new QualityBenchmark(), new TrainDetectorBenchmark(), new ImportBenchmark(), new HlsBenchmark()];

var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
if (chosen is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project VodManager.Benchmarks -- <benchmark> [options]");
    foreach (var benchmark in benchmarks)
    {
        Console.Error.WriteLine($"  {benchmark.Name,-10} {benchmark.Description}");
    }

    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await chosen.RunAsync(args[1..], cancel.Token);
