namespace VodManager.Core.Ingest;

/// <summary>What one import stored.</summary>
/// <param name="Rows">Chat lines, events or transcript cues stored.</param>
/// <param name="NoticeEvents">For a chat import: events derived from its system notices (0 when an events file covers them).</param>
/// <param name="Note">What the editor should know besides the count (<see cref="ChatPastVideo"/>), or "".</param>
public sealed record IngestResult(IngestKind Kind, string File, long Rows, int NoticeEvents, string Note = "");
