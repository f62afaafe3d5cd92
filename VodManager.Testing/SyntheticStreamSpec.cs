namespace VodManager.Testing;

/// <summary>What synthetic stream to write.</summary>
/// <param name="MessagesPerSecond">Chat rate at the stream's busiest (the daily curve starts and ends near a third of it).</param>
/// <param name="Plant">Plant the moments and decoys (off for a plain load test).</param>
public sealed record SyntheticStreamSpec(double DurationSeconds, int Seed, double MessagesPerSecond = 1.5, bool Plant = true);
