namespace VodManager.Core.Library;

/// <summary>Which clips the library shows: those whose title, stream title or channel contains <paramref name="Search"/> (any case), of one stream when <paramref name="StreamId"/> is set.</summary>
public sealed record ClipQuery(string? Search = null, int? StreamId = null);
