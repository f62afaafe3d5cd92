using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>An owner renames the account and sets how it refines its highlights from the account menu; an editor cannot.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class AccountSettingsTests : IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(new Dictionary<string, string?> { ["Refinement:MaxPerRun"] = "10" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The label of a backend's radio button (MudBlazor puts the test id on the input inside it).</summary>
    private static ILocator Choice(IPage page, string backend) => page.Locator("label", new() { Has = page.GetByTestId($"backend-{backend}") });

    /// <summary>Stores <paramref name="account"/> and opens its settings page through the account menu as a new owner of it.</summary>
    private async Task<(IBrowserContext Context, IPage Page)> OwnerOnSettingsAsync(Account account)
    {
        await using (var db = await EditorData.Db(_app.Services))
        {
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
        }

        var context = await Browser.NewSignedInContextAsync(_app.BaseUrl, await _app.AddUserAsync(account.Id, AccountRole.Owner));
        var page = await Browser.OpenAsync(context, new Uri(_app.BaseUrl, "/streams"));
        await page.GetByTestId("account-switcher").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        return (context, page);
    }

    [Fact]
    public async Task An_owner_chooses_the_backend_the_caps_and_refinement_after_detection_and_an_editor_cannot()
    {
        var account = new Account { Name = "Settings channel", Plan = AccountPlan.Paid, CreatedAt = DateTime.UtcNow };
        var (context, page) = await OwnerOnSettingsAsync(account);
        await using var _ = context;
        var settings = page.GetByTestId("refinement-settings");

        // A new account refines with the local heuristic after each detection, within the server's ceilings.
        await Expect(page.GetByTestId("backend-heuristic")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("backend-gemini")).ToBeDisabledAsync();
        await Expect(Choice(page, "gemini")).ToContainTextAsync("Not available: this server has no Gemini API key (Refinement:Gemini:ApiKey)");
        await Expect(page.GetByTestId("auto-refine")).ToBeCheckedAsync();
        await Expect(settings).ToContainTextAsync("at most 10 on this server");
        await Expect(page.GetByTestId("save-refinement")).ToBeDisabledAsync();

        await Choice(page, "mock").ClickAsync();
        await page.Locator("label", new() { Has = page.GetByTestId("auto-refine") }).ClickAsync();
        await Expect(page.GetByTestId("auto-refine")).Not.ToBeCheckedAsync();
        await page.GetByTestId("per-run").FillAsync("8");
        await page.GetByTestId("per-run").BlurAsync();
        await page.GetByTestId("save-refinement").ClickAsync();
        await Expect(page.GetByText("Refinement: mock, when asked")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "account-settings", fullPage: false);

        await using (var db = await EditorData.Db(_app.Services))
        {
            var saved = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account.Id);
            Assert.Equal(("mock", false, 8, 50), (saved.RefinementBackend, saved.AutoRefine, saved.RefinementsPerRun, saved.RefinementsPerDay));
        }

        await page.ReloadAsync();
        await Expect(page.GetByTestId("backend-mock")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("per-run")).ToHaveValueAsync("8");

        // An editor has no settings page, whatever URL they type.
        using var editor = await _app.SignedInClientAsync(await _app.AddUserAsync(account.Id, AccountRole.Editor));
        using var refused = await editor.GetAsync("/account/settings");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/denied", refused.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task An_owner_renames_the_account_and_every_members_app_bar_says_so_at_once_while_a_bad_name_is_refused_by_rule()
    {
        var account = new Account { Name = "Typo Chanel", Plan = AccountPlan.Free, CreatedAt = DateTime.UtcNow };
        var (context, page) = await OwnerOnSettingsAsync(account);
        await using var _ = context;
        // An editor of the account has the streams open in another browser.
        await using var editorContext = await Browser.NewSignedInContextAsync(_app.BaseUrl, await _app.AddUserAsync(account.Id, AccountRole.Editor));
        var editorPage = await Browser.OpenAsync(editorContext, new Uri(_app.BaseUrl, "/streams"));
        await Expect(editorPage.GetByTestId("current-account")).ToHaveTextAsync("Typo Chanel");
        var name = page.GetByTestId("account-name");
        await Expect(name).ToHaveValueAsync("Typo Chanel");
        await Expect(page.GetByTestId("save-name")).ToBeDisabledAsync();

        await name.FillAsync("   ");
        await Expect(page.GetByTestId("account-name-settings")).ToContainTextAsync("The account name must be 1 to 200 characters.");
        await Expect(page.GetByTestId("save-name")).ToBeDisabledAsync();

        await name.FillAsync("  Typo Channel ");
        await page.GetByTestId("save-name").ClickAsync();
        await Expect(page.GetByText("The account is now called Typo Channel")).ToBeVisibleAsync();
        // The app bar stays across pages: it shows the new name without a reload, and so does the next page.
        await Expect(page.GetByTestId("current-account")).ToHaveTextAsync("Typo Channel");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings of Typo Channel" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("save-name")).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "account-renamed", fullPage: false);
        // The editor's app bar follows without a reload.
        await Expect(editorPage.GetByTestId("current-account")).ToHaveTextAsync("Typo Channel");
        await using (var db = await EditorData.Db(_app.Services))
        {
            Assert.Equal("Typo Channel", (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account.Id)).Name);
        }

        var names = _app.Get<AccountNames>();
        var tooLong = await Assert.ThrowsAsync<MembershipException>(() => names.RenameAsync(account.Id, new string('x', 201), CancellationToken.None));
        Assert.Equal("The account name must be 1 to 200 characters.", tooLong.Message);
        var missing = await Assert.ThrowsAsync<MembershipException>(() => names.RenameAsync(999_999, "Nobody's", CancellationToken.None));
        Assert.Equal("There is no account 999999.", missing.Message);
    }
}
