namespace VodManager.Core.Ingest;

/// <summary>What an imported video becomes.</summary>
public enum ImportedVideoKind
{
    /// <summary>The stream's source (type archive): indexed, detected on, cut from.</summary>
    Archive = 0,

    /// <summary>A highlight the platform made (type highlight, provenance platform_highlight): stored and listed, never cut or analysed.</summary>
    PlatformHighlight = 1,
}
