using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;

namespace VodManager.Tests.Fixtures;

/// <summary>A user the tests can sign in as.</summary>
public sealed record TestUser(string Email, string Password, string Id)
{
    /// <summary>The demo owner the demo seed creates, with the documented default password.</summary>
    public static TestUser Demo { get; } = new(new AccountsOptions().DemoEmail, new AccountsOptions().DemoPassword, "");

    /// <summary>A new user with the role in the account, made through the services of an app or a Core host.</summary>
    public static async Task<TestUser> AddAsync(IServiceProvider services, int accountId, AccountRole role, string? email = null)
    {
        var user = new TestUser(email ?? $"user-{Guid.NewGuid():N}@example.test", "correct horse battery staple", "");
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var appUser = new AppUser { UserName = user.Email, Email = user.Email, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(appUser, user.Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await services.GetRequiredService<AccountMembers>().AddAsync(accountId, user.Email, role, CancellationToken.None);
        return user with { Id = appUser.Id };
    }
}
