using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Accounts;

/// <summary>
/// The app as the password tests need it: a session check every second (another browser's sign-in ends at once), a
/// lockout after three wrong passwords, and the owner of a free account of their own.
/// </summary>
internal static class PasswordTestApp
{
    public static async Task<(RunningApp App, Account Account, TestUser Owner)> StartAsync(string accountName, string ownerEmail)
    {
        var app = await RunningApp.StartAsync(new Dictionary<string, string?>
        {
            ["Accounts:SessionCheckInterval"] = "00:00:01",
            ["Accounts:LockoutAttempts"] = "3",
        });
        var account = new Account { Name = accountName, Plan = AccountPlan.Free, CreatedAt = DateTime.UtcNow };
        await using (var db = await EditorData.Db(app.Services))
        {
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
        }

        return (app, account, await app.AddUserAsync(account.Id, AccountRole.Owner, ownerEmail));
    }
}
