using Microsoft.Playwright;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.Accounts;

/// <summary>
/// Changing one's password in Chromium against the real app: every refusal names what was wrong and changes nothing,
/// the change keeps this browser signed in (in the account it worked in) and signs other browsers out at their next
/// session check (a page left open there too), and only the new password signs in.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class ChangePasswordTests : IAsyncLifetime
{
    private const string NewPassword = "a brand new passphrase";
    private RunningApp _app = default!;
    private TestUser _user = default!;
    private TestUser _other = default!;

    public async Task InitializeAsync()
    {
        Account home;
        (_app, home, _user) = await PasswordTestApp.StartAsync("Home Channel", "changer@example.test");
        await using var db = await EditorData.Db(_app.Services);
        var friend = new Account { Name = "Friend Channel", Plan = AccountPlan.Free, CreatedAt = DateTime.UtcNow };
        db.Accounts.Add(friend);
        await db.SaveChangesAsync();
        await _app.Get<AccountMembers>().AddAsync(friend.Id, _user.Email, AccountRole.Viewer, CancellationToken.None);
        _other = await _app.AddUserAsync(home.Id, AccountRole.Editor, "guesser@example.test");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task SubmitAsync(IPage page, string current, string next, string again)
    {
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("New password again").FillAsync(again);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
    }

    private Task<IPage> SignInPageAsync(IBrowserContext context, string password) => Browser.SubmitSignInAsync(context, _app.BaseUrl, _user.Email, password);

    [Fact]
    public async Task A_changed_password_keeps_this_browser_in_its_account_signs_the_others_out_and_alone_signs_in()
    {
        await using var here = await Browser.NewSignedInContextAsync(_app.BaseUrl, _user);
        await using var elsewhere = await Browser.NewSignedInContextAsync(_app.BaseUrl, _user);
        // An editor left open in the other browser.
        var stale = await Browser.OpenAsync(elsewhere, new Uri(_app.BaseUrl, "/streams"));
        var page = await Browser.OpenAsync(here, new Uri(_app.BaseUrl, "/streams"));
        // Working in the other account: the cookie that says so must survive the change.
        await page.GetByTestId("account-switcher").ClickAsync();
        var switchTo = page.Locator("[data-testid=switch-account]:enabled");
        var other = (await switchTo.Locator(".name").InnerTextAsync()).Trim();
        await switchTo.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=circuit-ready]", new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("current-account")).ToHaveTextAsync(other);

        await page.GetByTestId("account-switcher").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change password" })).ToBeVisibleAsync();
        await Expect(page.GetByText($"Signed in as {_user.Email}.")).ToBeVisibleAsync();

        foreach (var (current, next, again, refusal) in new[]
        {
            ("not my password at all", NewPassword, NewPassword, "The current password is wrong."),
            (_user.Password, NewPassword, "a brand new passphrasE", "The new password and its repetition differ."),
            (_user.Password, "short", "short", "at least 10 characters"),
            (_user.Password, _user.Password, _user.Password, "The new password is the current one."),
        })
        {
            await SubmitAsync(page, current, next, again);
            await Expect(page.GetByTestId("account-error")).ToContainTextAsync(refusal);
        }

        await Browser.ScreenshotAsync(page, "change-password-refused");
        await SubmitAsync(page, _user.Password, NewPassword, NewPassword);
        await Expect(page.GetByTestId("password-changed")).ToContainTextAsync("any other browser signed in as you is signed out within a second");
        await Browser.ScreenshotAsync(page, "change-password-done");

        // This browser carries on where it was.
        var back = await Browser.OpenAsync(here, new Uri(_app.BaseUrl, "/streams"));
        await Expect(back.GetByTestId("current-account")).ToHaveTextAsync(other);

        // The other browser's open page and its cookie hold the old security stamp: their next check ends them. The
        // page goes to sign-in by itself, and the cookie no longer opens a page.
        await Expect(stale).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"), new() { Timeout = 15_000 });
        await stale.GotoAsync(new Uri(_app.BaseUrl, "/streams").ToString());
        await Expect(stale).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));

        await using var fresh = await Browser.NewContextAsync();
        var refused = await SignInPageAsync(fresh, _user.Password);
        await Expect(refused.GetByTestId("account-error")).ToHaveTextAsync("The email or password is wrong.");
        var signedIn = await SignInPageAsync(fresh, NewPassword);
        await Expect(signedIn).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/streams$"));
    }

    [Fact]
    public async Task Guessing_the_current_password_locks_the_user_as_sign_in_does_and_changes_nothing()
    {
        await using var context = await Browser.NewSignedInContextAsync(_app.BaseUrl, _other);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_app.BaseUrl, "/account/password").ToString());

        for (var i = 0; i < 2; i++)
        {
            await SubmitAsync(page, $"guess number {i}", NewPassword, NewPassword);
            await Expect(page.GetByTestId("account-error")).ToHaveTextAsync("The current password is wrong.");
        }

        await SubmitAsync(page, "guess number 2", NewPassword, NewPassword);
        await Expect(page.GetByTestId("account-error")).ToHaveTextAsync("Too many wrong passwords: this user is locked for 15 minutes. The password stays as it was.");
        // Locked: even the right one changes nothing now.
        await SubmitAsync(page, _other.Password, NewPassword, NewPassword);
        await Expect(page.GetByTestId("account-error")).ToContainTextAsync("Too many wrong passwords");
        await using var users = await EditorData.Db(_app.Services);
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<AppUser>();
        var stored = users.Users.Single(u => u.Email == _other.Email);
        Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(stored, stored.PasswordHash!, _other.Password));
    }
}
