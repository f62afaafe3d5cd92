namespace VodManager.Core.Quota;

/// <summary>A write does not fit the account's plan; the message says which limit and by how much.</summary>
public sealed class QuotaExceededException(string message) : UserFacingException(message);
