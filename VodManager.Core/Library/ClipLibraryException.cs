namespace VodManager.Core.Library;

/// <summary>A change to the clips library refused for a reason the editor can act on (shown as is).</summary>
public sealed class ClipLibraryException(string message) : UserFacingException(message);
