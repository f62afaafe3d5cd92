namespace VodManager.Core.Refinement;

/// <summary>The extracted audio of a refinement window: a temp file that lives until the run ends.</summary>
/// <param name="Start">Where the audio starts in the stream (its second 0).</param>
public sealed record WindowAudio(string Path, string MimeType, long Bytes, double Start, double End);
