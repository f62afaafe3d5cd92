namespace VodManager.Core.Streams;

/// <summary>A stream could not be created, changed or deleted; the message says why in words the user can act on.</summary>
public sealed class StreamException(string message, Exception? inner = null) : UserFacingException(message, inner);
