namespace VodManager.Core.Library;

public enum VodProvenance
{
    /// <summary>Cut here from a detected highlight.</summary>
    AutoClip = 0,

    /// <summary>Imported from the platform's own highlights: stored and listed, never re-cut.</summary>
    PlatformHighlight = 1,

    /// <summary>Cut here on an editor's explicit choice (a trim or a "Create clip anyway").</summary>
    Manual = 2,
}
