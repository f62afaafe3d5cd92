namespace VodManager.Core.Export;

/// <summary>An export cannot be made as asked; the message says what to change.</summary>
public sealed class ExportException(string message, Exception? inner = null) : UserFacingException(message, inner);
