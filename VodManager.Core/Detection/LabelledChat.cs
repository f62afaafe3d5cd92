namespace VodManager.Core.Detection;

/// <summary>One stream's chat with what people said of its moments, for fitting a chat model.</summary>
/// <param name="Positives">Highlights that were right (kept, cut, trimmed; or labelled).</param>
/// <param name="Negatives">Highlights that were wrong (dismissed); null when every other second is a negative (a fully labelled stream).</param>
public sealed record LabelledChat(ChatActivity Chat, int Seconds, IReadOnlyList<(double Start, double End)> Positives, IReadOnlyList<(double Start, double End)>? Negatives);
