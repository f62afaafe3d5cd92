namespace VodManager.Core.Cutting;

/// <summary>A cut cannot be made as asked (bounds, source, output); the message says what and what to do.</summary>
public sealed class CutException(string message, Exception? inner = null) : UserFacingException(message, inner);
