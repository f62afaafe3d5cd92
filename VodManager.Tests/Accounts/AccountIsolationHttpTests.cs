using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Accounts;
using VodManager.Core.Library;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Accounts;

/// <summary>Over plain HTTP, signed in as A's people: B's pages, media, clip downloads and uploads do not exist for them.</summary>
[Collection(TwoAccountsCollection.Name)]
public sealed class AccountIsolationHttpTests(TwoAccountsApp two)
{
    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in_and_media_and_the_api_answer_401()
    {
        using var http = HttpSignIn.NewClient(two.App.BaseUrl);

        var page = await http.GetAsync("/streams");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/signin", page.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(two.MediaPath(two.SourceB.StorageKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync($"/api/streams/{two.StreamA.Id}/uploads", new { fileName = "a.mp4", length = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_member_removed_from_their_only_account_lands_on_no_access_and_is_not_sent_round_in_circles()
    {
        var removed = await two.App.AddUserAsync(two.StreamA.AccountId, AccountRole.Viewer, "removed@demo.test");
        using var http = await two.App.SignedInClientAsync(removed);
        await two.App.Get<AccountMembers>().RemoveAsync(two.StreamA.AccountId, removed.Id, CancellationToken.None);

        var page = await http.GetAsync("/streams");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/denied", page.Headers.Location!.AbsolutePath);
        // The no-access page itself needs a sign-in only: it refused such a user too and redirected to itself.
        var denied = await http.GetAsync(page.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        Assert.Contains("You are not a member of this account, or no longer.", await denied.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/account/password")).StatusCode);
        // Everything of the account stays refused.
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync($"/streams/{two.StreamA.Id}")).StatusCode);
    }

    [Fact]
    public async Task Another_accounts_stream_and_highlight_pages_say_not_found_and_show_nothing_of_it()
    {
        using var http = await two.App.SignedInClientAsync();

        foreach (var url in new[] { $"/streams/{two.StreamA.Id}", $"/streams/{two.StreamA.Id}/highlights" })
        {
            var own = await http.GetStringAsync(url);
            Assert.Contains("Demo stream", own);
            Assert.Contains("data-testid=\"highlights-grid\"", own);
        }

        foreach (var url in new[] { $"/streams/{two.StreamB.Id}", $"/streams/{two.StreamB.Id}?highlight={two.HighlightB.Id}", $"/streams/{two.StreamB.Id}/highlights" })
        {
            var html = await http.GetStringAsync(url);
            Assert.Contains($"Stream {two.StreamB.Id} was not found", html);
            Assert.DoesNotContain("Rival", html);
        }

        var list = await http.GetStringAsync("/streams");
        Assert.DoesNotContain("Rival", list);
    }

    [Fact]
    public async Task Another_accounts_media_range_and_clip_download_are_not_found_even_with_a_valid_link()
    {
        using var outsider = await two.App.SignedInClientAsync();
        using var owner = await two.App.SignedInClientAsync(two.OwnerB);

        foreach (var key in new[] { two.SourceB.StorageKey, two.ClipB.StorageKey })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, two.MediaPath(key)) { Headers = { Range = new(0, 1023) } };
            using var refused = await outsider.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal("No such media.", await refused.Content.ReadAsStringAsync());

            using var again = new HttpRequestMessage(HttpMethod.Get, two.MediaPath(key)) { Headers = { Range = new(0, 1023) } };
            using var served = await owner.SendAsync(again);
            Assert.Equal(HttpStatusCode.PartialContent, served.StatusCode);
            Assert.Equal(1024, (await served.Content.ReadAsByteArrayAsync()).Length);
        }
    }

    [Fact]
    public async Task Another_accounts_stream_takes_no_upload_and_a_viewer_takes_none_either()
    {
        using var outsider = await two.App.SignedInClientAsync();
        var intoB = await outsider.PostAsJsonAsync($"/api/streams/{two.StreamB.Id}/uploads", new { fileName = "x.mp4", length = 1000 });
        Assert.Equal(HttpStatusCode.NotFound, intoB.StatusCode);

        using var viewer = await two.App.SignedInClientAsync(two.ViewerA);
        var byViewer = await viewer.PostAsJsonAsync($"/api/streams/{two.StreamA.Id}/uploads", new { fileName = "x.mp4", length = 1000 });
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Contains("viewer", await byViewer.Content.ReadAsStringAsync());

        await using var db = await EditorData.Db(two.App.Services);
        Assert.False(await db.VideoUploads.AnyAsync(u => u.FileName == "x.mp4"));
    }

    [Fact]
    public async Task A_removed_member_loses_pages_and_media_on_the_next_request_without_signing_out()
    {
        var editor = await two.App.AddUserAsync(two.StreamA.AccountId, AccountRole.Editor);
        using var http = await two.App.SignedInClientAsync(editor);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/streams")).StatusCode);
        var source = await SourceKeyOfAsync(two.StreamA.Id);
        using (var before = await http.GetAsync(two.MediaPath(source), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await two.App.Get<AccountMembers>().RemoveAsync(two.StreamA.AccountId, editor.Id, CancellationToken.None);

        var page = await http.GetAsync("/streams");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/denied", page.Headers.Location!.AbsolutePath);
        using var after = await http.GetAsync(two.MediaPath(source));
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(HttpStatusCode.PartialContent, after.StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_user_out_even_with_the_right_one()
    {
        var user = await two.App.AddUserAsync(two.StreamA.AccountId, AccountRole.Viewer);
        using var http = HttpSignIn.NewClient(two.App.BaseUrl);
        var attempts = new AccountsOptions().LockoutAttempts;
        for (var i = 1; i <= attempts; i++)
        {
            using var wrong = await HttpSignIn.PostAsync(http, user.Email, "not the password at all");
            Assert.Contains(i < attempts ? "The email or password is wrong." : "Too many failed sign-ins", await wrong.Content.ReadAsStringAsync());
        }

        using var locked = await HttpSignIn.PostAsync(http, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode); // the form again, no redirect and no cookie
        Assert.Contains("Too many failed sign-ins", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/streams")).StatusCode);

        await using var db = await EditorData.Db(two.App.Services);
        var stored = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
        Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    private async Task<string> SourceKeyOfAsync(int streamId)
    {
        await using var db = await EditorData.Db(two.App.Services);
        return await db.Vods.Where(v => v.StreamId == streamId && v.Type == VodType.Archive).Select(v => v.StorageKey).FirstAsync();
    }
}
