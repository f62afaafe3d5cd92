using System.Net;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Accounts;

/// <summary>The sign-up page over HTTP: a new user owns a new account of their own, and a refused sign-up leaves nothing.</summary>
[Collection(TwoAccountsCollection.Name)]
public sealed class SignUpTests(TwoAccountsApp two)
{
    [Fact]
    public async Task Signing_up_creates_a_user_who_owns_a_new_empty_account_and_is_signed_in()
    {
        using var http = HttpSignIn.NewClient(two.App.BaseUrl);
        var email = $"new-{Guid.NewGuid():N}@example.test";

        using var response = await SignUpAsync(http, email, "a long enough passphrase", "New Channel");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var streams = await http.GetStringAsync("/streams");
        Assert.Contains("New Channel", streams);
        Assert.DoesNotContain("Demo stream", streams);
        await using var db = await EditorData.Db(two.App.Services);
        var member = await db.AccountMembers.AsNoTracking().Include(m => m.Account).SingleAsync(m => m.User!.Email == email);
        Assert.Equal((AccountRole.Owner, "New Channel", AccountPlan.Free), (member.Role, member.Account!.Name, member.Account.Plan));
    }

    [Fact]
    public async Task A_short_password_or_a_taken_email_is_refused_and_leaves_no_user_or_account()
    {
        using var http = HttpSignIn.NewClient(two.App.BaseUrl);
        await using var db = await EditorData.Db(two.App.Services);
        var accounts = await db.Accounts.CountAsync();
        var email = $"short-{Guid.NewGuid():N}@example.test";

        using var tooShort = await SignUpAsync(http, email, "short", "Short Channel");
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("at least 10 characters", await tooShort.Content.ReadAsStringAsync());
        using var taken = await SignUpAsync(http, TestUser.Demo.Email, "a long enough passphrase", "Copycat Channel");
        Assert.Contains("is already taken", await taken.Content.ReadAsStringAsync());

        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.Equal(accounts, await db.Accounts.CountAsync());
    }

    private static Task<HttpResponseMessage> SignUpAsync(HttpClient http, string email, string password, string accountName) =>
        HttpSignIn.PostFormAsync(http, "/account/signup", new() { ["Input.Email"] = email, ["Input.Password"] = password, ["Input.AccountName"] = accountName });
}
