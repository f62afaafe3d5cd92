namespace VodManager.Core.Ingest;

/// <summary>The kinds of stream data files an import accepts besides the video.</summary>
public enum IngestKind
{
    Chat,
    Events,
    Transcript,
}
