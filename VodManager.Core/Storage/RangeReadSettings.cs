namespace VodManager.Core.Storage;

/// <summary>How a <see cref="RangeReadSession"/> reads: fetch unit, largest answer, memory for fetched pieces.</summary>
public sealed record RangeReadSettings(int ChunkBytes, int MaxResponseBytes, long CacheBytes);
