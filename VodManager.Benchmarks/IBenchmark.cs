namespace VodManager.Benchmarks;

/// <summary>One benchmark: prints a table with the baseline side by side, and as its last line one JSON object.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
