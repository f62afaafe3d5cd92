using VodManager.Core.Accounts;

namespace VodManager.Tests.Fixtures;

/// <summary>A user the tests can sign in as.</summary>
public sealed record TestUser(string Email, string Password, string Id)
{
    /// <summary>The demo owner the demo seed creates, with the documented default password.</summary>
    public static TestUser Demo { get; } = new(new AccountsOptions().DemoEmail, new AccountsOptions().DemoPassword, "");
}
