namespace VodManager.Core.Accounts;

/// <summary>An account by id and name, as the operator names it on the command line.</summary>
public sealed record AccountSummary(int Id, string Name);
