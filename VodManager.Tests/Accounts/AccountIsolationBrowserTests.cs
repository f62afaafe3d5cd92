using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Jobs;
using VodManager.Tests.E2E;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.Accounts;

/// <summary>Two tenants in Debian's Chromium: sign in, see only your streams, switch, and nothing crosses over the circuit.</summary>
[Collection(TwoAccountsCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class AccountIsolationBrowserTests(TwoAccountsApp two)
{
    [Fact]
    public async Task Signing_in_shows_only_your_accounts_streams_and_the_switcher_moves_to_the_other()
    {
        await using var context = await Browser.NewContextAsync();
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync(new Uri(two.App.BaseUrl, "/streams").ToString());
        await Expect(signIn).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin\\?ReturnUrl=%2Fstreams"));
        await Expect(signIn.GetByTestId("demo-credentials")).ToContainTextAsync(TestUser.Demo.Email);
        await Browser.ScreenshotAsync(signIn, "sign-in");

        await Browser.SignInAsync(context, two.App.BaseUrl, two.InBoth);
        var page = await Browser.OpenAsync(context, new Uri(two.App.BaseUrl, "/streams"));
        await Expect(page.GetByTestId("current-account")).ToHaveTextAsync("Demo Channel");
        await Expect(page.GetByTestId("current-role")).ToHaveTextAsync("viewer");
        await Expect(page.GetByTestId("stream-link")).ToHaveTextAsync([two.StreamA.Title]);

        await page.GetByTestId("account-switcher").ClickAsync();
        var rival = page.GetByRole(AriaRole.Button, new() { Name = "Rival Channel" });
        await Expect(rival).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "account-switcher");
        await rival.ClickAsync();

        await page.WaitForSelectorAsync("[data-testid=circuit-ready]", new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("current-account")).ToHaveTextAsync("Rival Channel");
        await Expect(page.GetByTestId("current-role")).ToHaveTextAsync("owner");
        await Expect(page.GetByTestId("stream-link")).ToHaveTextAsync([two.StreamB.Title]);
    }

    [Fact]
    public async Task Another_accounts_job_progress_never_reaches_an_open_editor()
    {
        await using var mine = await Browser.NewSignedInContextAsync(two.App.BaseUrl);
        await using var theirs = await Browser.NewSignedInContextAsync(two.App.BaseUrl, two.OwnerB);
        var myPage = await Browser.OpenAsync(mine, new Uri(two.App.BaseUrl, "/streams"));
        var theirPage = await Browser.OpenAsync(theirs, new Uri(two.App.BaseUrl, "/streams"));
        await myPage.GetByRole(AriaRole.Button, new() { Name = "Show jobs" }).ClickAsync();
        await theirPage.GetByRole(AriaRole.Button, new() { Name = "Show jobs" }).ClickAsync();

        var jobId = await two.App.Get<IJobQueue>().EnqueueAsync(
            new DetectHighlightsRequest { AccountId = two.StreamB.AccountId, StreamId = two.StreamB.Id, RequestedBy = two.OwnerB.Email }, CancellationToken.None);

        var row = $"[data-testid=job-row][data-job-id='{jobId}']";
        await Expect(theirPage.Locator(row).First).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("Succeeded|Failed"), new() { Timeout = 60_000 });
        await Expect(myPage.Locator(row)).ToHaveCountAsync(0);
        Assert.DoesNotContain(two.StreamB.Title, await myPage.ContentAsync());
    }

    [Fact]
    public async Task A_viewer_gets_a_read_only_editor()
    {
        await using var context = await Browser.NewSignedInContextAsync(two.App.BaseUrl, two.ViewerA);
        var page = await Browser.OpenAsync(context, new Uri(two.App.BaseUrl, $"/streams/{two.StreamA.Id}"));

        await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Preview highlight #1", Exact = true })).ToBeVisibleAsync();
        foreach (var name in new[] { "Cut highlight #1", "Dismiss highlight #1", "Refine highlight #1", "Cut all", "Dismiss selected" })
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
        }

        foreach (var id in new[] { "detect", "save-trim", "bulk-cut", "cut-all", "video-import" })
        {
            await Expect(page.GetByTestId(id)).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task An_open_editor_is_refused_once_demoted_or_removed_and_its_own_changes_name_it_in_the_history()
    {
        var editor = await two.App.AddUserAsync(two.StreamA.AccountId, AccountRole.Editor);
        await using var context = await Browser.NewSignedInContextAsync(two.App.BaseUrl, editor);
        var page = await Browser.OpenAsync(context, new Uri(two.App.BaseUrl, $"/streams/{two.StreamA.Id}"));
        var (first, second) = await TwoHighlightsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Dismiss highlight #{first.Rank}" }).ClickAsync();
        await Expect(page.GetByText($"Dismissed highlight #{first.Rank}")).ToBeVisibleAsync();
        await using (var db = await EditorData.Db(two.App.Services))
        {
            var dismissed = await db.HighlightActivities.AsNoTracking().Where(a => a.HighlightId == first.Id && a.Action == "dismiss").ToListAsync();
            Assert.Equal(editor.Email, Assert.Single(dismissed).Actor);
        }

        var members = two.App.Get<AccountMembers>();
        await members.SetRoleAsync(two.StreamA.AccountId, editor.Id, AccountRole.Viewer, CancellationToken.None);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Dismiss highlight #{second.Rank}" }).ClickAsync();
        await Expect(page.GetByText("this needs editor")).ToBeVisibleAsync();

        await members.RemoveAsync(two.StreamA.AccountId, editor.Id, CancellationToken.None);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Dismiss highlight #{second.Rank}" }).ClickAsync();
        await Expect(page.GetByText("You are no longer a member of this account.")).ToBeVisibleAsync();

        await using var check = await EditorData.Db(two.App.Services);
        Assert.False((await check.Highlights.AsNoTracking().SingleAsync(h => h.Id == second.Id)).Dismissed);
    }

    [Fact]
    public async Task An_owner_invites_a_member_who_joins_only_by_accepting_after_sign_in_and_a_viewer_cannot_open_the_page()
    {
        var newcomer = await two.App.AddUserAsync(two.StreamB.AccountId, AccountRole.Viewer);
        await using var owner = await Browser.NewSignedInContextAsync(two.App.BaseUrl);
        var page = await Browser.OpenAsync(owner, new Uri(two.App.BaseUrl, "/account/members"));
        await page.GetByLabel("Email of a signed-up user").FillAsync(newcomer.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();

        await Expect(page.GetByText(AccountInvitations.SentMessage)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("invited-email").Filter(new() { HasText = newcomer.Email })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("member-email").Filter(new() { HasText = newcomer.Email })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "members-invited");
        Assert.Null(await two.App.Get<AccountMembers>().FindAsync(newcomer.Id, two.StreamA.AccountId, CancellationToken.None));

        await using var invitee = await Browser.NewSignedInContextAsync(two.App.BaseUrl, newcomer);
        var streams = await Browser.OpenAsync(invitee, new Uri(two.App.BaseUrl, "/streams"));
        await Expect(streams.GetByTestId("current-account")).ToHaveTextAsync("Rival Channel");
        await Expect(streams.GetByTestId("invitation")).ToContainTextAsync($"{TestUser.Demo.Email} invited you to join Demo Channel as editor.");
        await Browser.ScreenshotAsync(streams, "invitation-banner");
        await streams.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation to Demo Channel" }).ClickAsync();

        await streams.WaitForSelectorAsync("[data-testid=circuit-ready]", new() { State = WaitForSelectorState.Attached });
        await Expect(streams.GetByTestId("current-account")).ToHaveTextAsync("Demo Channel");
        await Expect(streams.GetByTestId("current-role")).ToHaveTextAsync("editor");
        await Expect(streams.GetByTestId("invitation")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(streams, "invitation-accepted");
        var membership = await two.App.Get<AccountMembers>().FindAsync(newcomer.Id, two.StreamA.AccountId, CancellationToken.None);
        Assert.Equal(AccountRole.Editor, membership?.Role);

        using var viewer = await two.App.SignedInClientAsync(two.ViewerA);
        var refused = await viewer.GetAsync("/account/members");
        Assert.Equal("/account/denied", refused.Headers.Location?.AbsolutePath);
    }

    private async Task<(Highlight First, Highlight Second)> TwoHighlightsAsync()
    {
        await using var db = await EditorData.Db(two.App.Services);
        var live = await db.Highlights.AsNoTracking().Where(h => h.StreamId == two.StreamA.Id && !h.Dismissed).OrderByDescending(h => h.Rank).Take(2).ToListAsync();
        return (live[0], live[1]);
    }
}
