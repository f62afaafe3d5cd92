using VodManager.Core.Data.Entities;

namespace VodManager.Core.Ingest;

/// <summary>The outcome of an import.</summary>
/// <param name="Vod">The stored VOD.</param>
/// <param name="AlreadyImported">True when the same bytes were already stored for the stream: nothing new was kept.</param>
/// <param name="Note">What the editor should know of a new source (the playlist variant taken, muted parts, chat past its end: <see cref="ChatPastVideo"/>), or "".</param>
public sealed record ImportedVideo(Vod Vod, bool AlreadyImported, string Note = "");
