namespace VodManager.Core.Detection;

/// <summary>The files a stateless analysis reads; any may be null.</summary>
/// <param name="Media">A video or audio-only file whose loudness is measured.</param>
public sealed record AnalyzeFiles(string? Chat, string? Events, string? Transcript, string? Media);
