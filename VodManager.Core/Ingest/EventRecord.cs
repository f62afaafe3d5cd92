using VodManager.Core.Streams;

namespace VodManager.Core.Ingest;

/// <summary>One stream event as parsed or loaded: what happened, when, how big.</summary>
public readonly record struct EventRecord(StreamEventType Type, double OffsetSeconds, double Magnitude, string? Detail);
