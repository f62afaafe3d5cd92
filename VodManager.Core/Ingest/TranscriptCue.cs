namespace VodManager.Core.Ingest;

/// <summary>One transcript cue: what was said between two times (seconds from stream start).</summary>
public readonly record struct TranscriptCue(double StartSeconds, double EndSeconds, string Text);
