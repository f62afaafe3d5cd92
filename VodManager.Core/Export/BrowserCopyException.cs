namespace VodManager.Core.Export;

/// <summary>A browser copy cannot be made; the message says why.</summary>
public sealed class BrowserCopyException(string message, Exception? inner = null) : UserFacingException(message, inner);
