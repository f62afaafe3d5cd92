namespace VodManager.Core.Editing;

/// <summary>An editor action that cannot be done as asked; the message says what to change.</summary>
public sealed class HighlightEditException(string message) : UserFacingException(message);
