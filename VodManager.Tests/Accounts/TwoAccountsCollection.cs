namespace VodManager.Tests.Accounts;

/// <summary>The isolation tests over HTTP and in the browser share one two-tenant app; seeding the demo is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class TwoAccountsCollection : ICollectionFixture<TwoAccountsApp>
{
    public const string Name = "two accounts";
}
