namespace VodManager.Core.Library;

/// <summary>One page of the clips library and how many clips matched in all.</summary>
public sealed record ClipPage(IReadOnlyList<ClipEntry> Items, int Total);
