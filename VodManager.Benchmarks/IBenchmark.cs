namespace VodManager.Benchmarks;

/// <summary>
/// One benchmark, run as `dotnet run -c Release --project VodManager.Benchmarks -- NAME [options]`. It prints a table
/// with the baseline side by side and, as its last line, one JSON object with its figures.
/// </summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
