using VodManager.Benchmarks;

// `dotnet run -c Release --project VodManager.Benchmarks -- <name>`: one benchmark per file, listed here.
IBenchmark[] benchmarks = [new CutBenchmark()];

var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
if (chosen is null)
{
    Console.Error.WriteLine("usage: VodManager.Benchmarks <name>");
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
