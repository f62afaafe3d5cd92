using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.Accounts;

/// <summary>
/// A forgotten password, as it goes for real: the operator runs `users reset-password` (the built app, as a process, on
/// the running app's data folder), the user opens the printed link in Chromium and sets a new password. Refusals name
/// what was wrong and keep the link working; the link works once; the new password signs in, lifts a lockout and signs
/// the user's other browsers out.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class ResetPasswordTests : IAsyncLifetime
{
    private const string NewPassword = "a remembered passphrase";
    private RunningApp _app = default!;
    private TestUser _user = default!;

    public async Task InitializeAsync() => (_app, _, _user) = await PasswordTestApp.StartAsync("Forgetful Channel", "forgetful@example.test");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<(int ExitCode, string Stdout, string Stderr)> OperatorAsync(params string[] arguments) =>
        WebHostProcess.RunAsync(["users", .. arguments], new Dictionary<string, string>
        {
            ["VodManager__DataFolder"] = _app.DataFolder,
            ["VodManager__SeedDemo"] = "false",
        }, TimeSpan.FromSeconds(120));

    private Task<IPage> SignInAsync(IBrowserContext context, string password) => Browser.SubmitSignInAsync(context, _app.BaseUrl, _user.Email, password);

    private static async Task SubmitAsync(IPage page, string next, string again)
    {
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("New password again").FillAsync(again);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
    }

    [Fact]
    public async Task The_operators_link_sets_a_forgotten_password_once_lifts_the_lockout_and_signs_other_browsers_out()
    {
        // Signed in on another computer, then locked out here by guessing.
        await using var elsewhere = await Browser.NewSignedInContextAsync(_app.BaseUrl, _user);
        var stale = await Browser.OpenAsync(elsewhere, new Uri(_app.BaseUrl, "/streams"));
        await using var here = await Browser.NewContextAsync();
        for (var i = 0; i < 3; i++)
        {
            var guess = await SignInAsync(here, $"was it this one {i}");
            await Expect(guess.GetByTestId("account-error")).ToBeVisibleAsync();
        }

        var locked = await SignInAsync(here, _user.Password);
        await Expect(locked.GetByTestId("account-error")).ToContainTextAsync("Too many failed sign-ins");
        // The sign-in page says where to turn.
        await Expect(locked.GetByTestId("forgot-password")).ToContainTextAsync("Forgot your password? Whoever runs this VodManager can make you a link to set a new one (vodmanager users reset-password --email you@example.com).");
        await Browser.ScreenshotAsync(locked, "signin-forgot-password");

        var (exit, stdout, stderr) = await OperatorAsync("reset-password", "--email", "nobody@example.test");
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Contains("error: No user has the email 'nobody@example.test'.", stderr);
        (exit, stdout, stderr) = await OperatorAsync("reset-password", "--email", " FORGETFUL@example.test ", "--base-url", _app.BaseUrl.ToString());
        Assert.True(exit == 0, stderr);
        var link = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(new Uri(_app.BaseUrl, "/account/reset-password?email=forgetful%40example.test&token=").ToString(), link);
        Assert.Matches(@"Give this link to forgetful@example\.test only: it sets their password once, until \d{4}-\d\d-\d\d \d\d:\d\d UTC \(Accounts:PasswordLinkLifetime\)\.", stderr);

        var page = await here.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set a new password" })).ToBeVisibleAsync();
        await Expect(page.GetByText("For forgetful@example.test.")).ToBeVisibleAsync();
        foreach (var (next, again, refusal) in new[]
        {
            (NewPassword, "a remembered passphrasE", "The new password and its repetition differ."),
            ("short", "short", "at least 10 characters"),
        })
        {
            await SubmitAsync(page, next, again);
            await Expect(page.GetByTestId("account-error")).ToContainTextAsync(refusal);
        }

        await Browser.ScreenshotAsync(page, "reset-password-refused");
        // A refusal left the link working.
        await SubmitAsync(page, NewPassword, NewPassword);
        await Expect(page.GetByTestId("password-reset")).ToHaveTextAsync("Your new password is set. Sign in with it; any other browser signed in as you is signed out.");
        await Browser.ScreenshotAsync(page, "reset-password-done");

        // The old password is gone, the new one signs in although the user was locked, and the other computer is out.
        var old = await SignInAsync(here, _user.Password);
        await Expect(old.GetByTestId("account-error")).ToHaveTextAsync("The email or password is wrong.");
        var signedIn = await SignInAsync(here, NewPassword);
        await Expect(signedIn).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/streams$"));
        await Expect(stale).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"), new() { Timeout = 15_000 });

        // Once used, the link is spent: the password stays the new one.
        await using var later = await Browser.NewContextAsync();
        var reused = await later.NewPageAsync();
        await reused.GotoAsync(link);
        await SubmitAsync(reused, "yet another passphrase", "yet another passphrase");
        await Expect(reused.GetByTestId("account-error")).ToContainTextAsync("This link does not work (any more): it was used already, it is older than a day, the password was changed since, or it was copied incompletely.");
        var stillNew = await SignInAsync(later, NewPassword);
        await Expect(stillNew).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/streams$"));

        // A link cut short on its way says so, and offers no form.
        var cut = await later.NewPageAsync();
        await cut.GotoAsync(link[..link.IndexOf("&token=", StringComparison.Ordinal)]);
        await Expect(cut.GetByTestId("reset-incomplete")).ToContainTextAsync("This link is incomplete");
        await Expect(cut.GetByTestId("reset-form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_user_the_operator_adds_sets_a_password_through_the_link_and_signs_in_to_wait_for_an_invitation()
    {
        var (exit, stdout, stderr) = await OperatorAsync("add", "--email", "newcomer@example.test", "--base-url", _app.BaseUrl.ToString());
        Assert.True(exit == 0, stderr);
        Assert.Contains("Added newcomer@example.test, a member of no account yet: an owner invites them (Members)", stderr);
        var link = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        // Taken and malformed emails are refused naming them; nothing is added.
        foreach (var (email, refusal) in new[] { (_user.Email, $"Email '{_user.Email}' is already taken."), ("not an email", "Email 'not an email' is invalid.") })
        {
            (exit, stdout, stderr) = await OperatorAsync("add", "--email", email);
            Assert.Equal((1, ""), (exit, stdout));
            Assert.Contains($"error: {refusal}", stderr);
        }

        await using (var db = await EditorData.Db(_app.Services))
        {
            Assert.Equal(2, db.Users.Count());
        }

        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByText("For newcomer@example.test.")).ToBeVisibleAsync();
        await SubmitAsync(page, NewPassword, NewPassword);
        await Expect(page.GetByTestId("password-reset")).ToBeVisibleAsync();

        var signIn = await Browser.SubmitSignInAsync(context, _app.BaseUrl, "newcomer@example.test", NewPassword);
        // Signed in, in no account until an owner's invitation is accepted.
        await Expect(signIn).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/denied"));
        await Expect(signIn.GetByText("You are not a member of this account, or no longer. An owner's invitation lets you in: it shows here when there is one.")).ToBeVisibleAsync();
        await Expect(signIn.GetByTestId("invitation")).ToHaveCountAsync(0);
        // With no account, the password page is still theirs.
        await signIn.GotoAsync(new Uri(_app.BaseUrl, "/account/password").ToString());
        await Expect(signIn.GetByRole(AriaRole.Heading, new() { Name = "Change password" })).ToBeVisibleAsync();

        // An owner invites them: the invitation shows where they land, and accepting it opens the account.
        var account = (await _app.Get<AccountDirectory>().ListAsync(CancellationToken.None)).Single();
        await _app.Get<AccountInvitations>().InviteAsync(account.Id, "newcomer@example.test", AccountRole.Editor, _user.Email, CancellationToken.None);
        await signIn.GotoAsync(new Uri(_app.BaseUrl, "/streams").ToString());
        await Expect(signIn).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/denied"));
        await Expect(signIn.GetByTestId("invitation")).ToContainTextAsync($"{_user.Email} invited you to join {account.Name} as editor.");
        await Browser.ScreenshotAsync(signIn, "no-account-invitation");
        await signIn.GetByRole(AriaRole.Button, new() { Name = $"Accept the invitation to {account.Name}" }).ClickAsync();
        await Expect(signIn).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/streams$"));
        await Expect(signIn.GetByTestId("current-account")).ToHaveTextAsync(account.Name);
    }

    [Fact]
    public async Task An_older_link_a_cut_token_or_another_email_does_not_set_the_password()
    {
        using var scope = _app.Services.CreateScope();
        var resets = scope.ServiceProvider.GetRequiredService<PasswordResets>();
        var first = await resets.IssueAsync(_user.Email, CancellationToken.None);
        var second = await resets.IssueAsync(_user.Email, CancellationToken.None);

        Assert.Null(await resets.ResetAsync(_user.Email, second.Token, NewPassword));

        Assert.StartsWith("This link does not work (any more)", await resets.ResetAsync(_user.Email, first.Token, "an older link's passphrase"));
        Assert.StartsWith("This link does not work (any more)", await resets.ResetAsync("someone.else@example.test", second.Token, "an older link's passphrase"));
        Assert.StartsWith("This link does not work (any more)", await resets.ResetAsync(_user.Email, second.Token[..^4], "an older link's passphrase"));
        Assert.InRange(first.ExpiresAt, DateTime.UtcNow.AddHours(23), DateTime.UtcNow.AddHours(25));
        await Assert.ThrowsAsync<MembershipException>(() => resets.IssueAsync("nobody@example.test", CancellationToken.None));
    }
}
