using System.Linq.Expressions;
using VodManager.Core.Data.Entities;
using VodManager.Core.Streams;

namespace VodManager.Core.Data;

/// <summary>
/// Which imported rows a stream shows: those of its current import of each kind. An import stores its rows under its
/// own id in short batches and then points the stream at it in one small write, so a big file never holds the
/// database writer for long and readers never see half of it. Chat notices stand in for events only until an events
/// file has been imported.
/// </summary>
public static class ImportedRows
{
    public static readonly Expression<Func<ChatMessage, bool>> ChatVisible = m => m.ImportId == m.Stream!.ChatImportId;

    public static readonly Expression<Func<StreamEvent, bool>> EventVisible = e => e.Source == StreamEventSource.EventsFile
        ? e.ImportId == e.Stream!.EventsImportId
        : e.ImportId == e.Stream!.ChatImportId && e.Stream.EventsImportedAt == null;

    public static readonly Expression<Func<TranscriptSegment, bool>> CueVisible = t => t.ImportId == t.Stream!.TranscriptImportId;

    public static Expression<Func<T, bool>> Hidden<T>(Expression<Func<T, bool>> visible) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(visible.Body), visible.Parameters);
}
