namespace VodManager.Core.Streams;

/// <summary>One page of the streams list and how many streams matched in all.</summary>
public sealed record StreamPage(IReadOnlyList<StreamSummary> Items, int Total);
