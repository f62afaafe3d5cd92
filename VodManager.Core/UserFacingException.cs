namespace VodManager.Core;

/// <summary>
/// A refusal whose message the user can act on (what was wrong: the file, the limit, the setting, the id). Pages and the
/// CLI show these as they are; any other exception is a bug and goes to the error UI and the logs.
/// </summary>
public abstract class UserFacingException(string message, Exception? inner = null) : Exception(message, inner);
