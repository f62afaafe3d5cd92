using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Accounts;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Accounts;

/// <summary>
/// Joining an account takes the invited user's consent, on the running app: the look-alike account from the hostile
/// review, accepting, declining, withdrawing, the default account, and an answer that does not reveal who signed up.
/// </summary>
[Collection(TwoAccountsCollection.Name)]
public sealed class InvitationTests(TwoAccountsApp two)
{
    private AccountInvitations Invitations => two.App.Get<AccountInvitations>();

    private AccountMembers Members => two.App.Get<AccountMembers>();

    [Fact]
    public async Task A_look_alike_account_that_invites_a_user_gets_no_access_and_never_becomes_their_account()
    {
        var (victim, own) = await SignUpAsync("Victim Channel");
        // Sorts before the victim's own account by name, which used to make it their account on the next sign-in.
        var (attacker, lookAlike) = await SignUpAsync("A Victim ChanneI");

        var answer = await Invitations.InviteAsync(lookAlike, victim.Email, AccountRole.Owner, attacker.Email, CancellationToken.None);

        Assert.Equal(AccountInvitations.SentMessage, answer);
        Assert.Null(await Members.FindAsync(victim.Id, lookAlike, CancellationToken.None));
        Assert.DoesNotContain(await Members.ForUserAsync(victim.Id, CancellationToken.None), m => m.AccountId == lookAlike);
        Assert.Equal(own, (await Members.DefaultForUserAsync(victim.Id, CancellationToken.None))?.AccountId);

        using var http = await HttpSignIn.SignedInClientAsync(two.App.BaseUrl, victim);
        var streams = await http.GetStringAsync("/streams");
        Assert.Matches("data-testid=\"current-account\"[^>]*>Victim Channel<", streams);
        Assert.Contains($"<b>{attacker.Email}</b> invited you to join <b>A Victim ChanneI</b> as owner", streams);
        var token = System.Text.RegularExpressions.Regex.Match(streams, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var switched = await http.PostAsync("/account/switch", new FormUrlEncodedContent(
            [KeyValuePair.Create("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token)), KeyValuePair.Create("accountId", lookAlike.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, switched.StatusCode);
        Assert.Matches("data-testid=\"current-account\"[^>]*>Victim Channel<", await http.GetStringAsync("/streams"));
    }

    [Fact]
    public async Task Accepting_grants_the_invited_role_and_makes_the_account_the_default()
    {
        var (user, own) = await SignUpAsync("Accepting Channel");
        var (owner, other) = await SignUpAsync("Inviting Channel");
        await Invitations.InviteAsync(other, user.Email, AccountRole.Editor, owner.Email, CancellationToken.None);
        var invitation = Assert.Single(await Invitations.ForUserAsync(user.Id, CancellationToken.None));
        Assert.Equal(("Inviting Channel", AccountRole.Editor, owner.Email), (invitation.AccountName, invitation.Role, invitation.InvitedBy));

        var joined = await Invitations.AcceptAsync(user.Id, invitation.Id, CancellationToken.None);

        Assert.Equal((other, AccountRole.Editor), (joined.AccountId, joined.Role));
        Assert.Equal(AccountRole.Editor, (await Members.FindAsync(user.Id, other, CancellationToken.None))?.Role);
        Assert.Equal(other, (await Members.DefaultForUserAsync(user.Id, CancellationToken.None))?.AccountId);
        Assert.Empty(await Invitations.ForUserAsync(user.Id, CancellationToken.None));
        Assert.Empty(await Invitations.ForAccountAsync(other, CancellationToken.None));
        var again = await Assert.ThrowsAsync<MembershipException>(() => Invitations.AcceptAsync(user.Id, invitation.Id, CancellationToken.None));
        Assert.Contains("no longer open", again.Message);
        Assert.NotEqual(own, other);
    }

    [Fact]
    public async Task Declining_or_a_withdrawn_invitation_leaves_no_access_and_only_the_invited_user_can_answer()
    {
        var (user, _) = await SignUpAsync("Declining Channel");
        var (owner, other) = await SignUpAsync("Spurned Channel");
        var (stranger, _) = await SignUpAsync("Stranger Channel");
        await Invitations.InviteAsync(other, user.Email, AccountRole.Viewer, owner.Email, CancellationToken.None);
        var first = Assert.Single(await Invitations.ForUserAsync(user.Id, CancellationToken.None));

        await Assert.ThrowsAsync<MembershipException>(() => Invitations.AcceptAsync(stranger.Id, first.Id, CancellationToken.None));
        Assert.Null(await Members.FindAsync(stranger.Id, other, CancellationToken.None));
        await Invitations.DeclineAsync(user.Id, first.Id, CancellationToken.None);

        Assert.Null(await Members.FindAsync(user.Id, other, CancellationToken.None));
        Assert.Empty(await Invitations.ForAccountAsync(other, CancellationToken.None));
        await Assert.ThrowsAsync<MembershipException>(() => Invitations.AcceptAsync(user.Id, first.Id, CancellationToken.None));

        await Invitations.InviteAsync(other, user.Email, AccountRole.Viewer, owner.Email, CancellationToken.None);
        var second = Assert.Single(await Invitations.ForUserAsync(user.Id, CancellationToken.None));
        await Invitations.WithdrawAsync(other, second.Id, CancellationToken.None);
        await Assert.ThrowsAsync<MembershipException>(() => Invitations.AcceptAsync(user.Id, second.Id, CancellationToken.None));
        Assert.Null(await Members.FindAsync(user.Id, other, CancellationToken.None));
    }

    [Fact]
    public async Task The_default_account_is_the_one_last_used_else_the_users_own()
    {
        var (user, own) = await SignUpAsync("Zulu Own Channel");
        var (_, alpha) = await SignUpAsync("Alpha Channel");
        var (_, bravo) = await SignUpAsync("Bravo Channel");
        await Members.AddAsync(alpha, user.Email, AccountRole.Editor, CancellationToken.None);
        await Members.AddAsync(bravo, user.Email, AccountRole.Viewer, CancellationToken.None);

        Assert.Equal(own, (await Members.DefaultForUserAsync(user.Id, CancellationToken.None))?.AccountId);
        await Members.MarkUsedAsync(user.Id, bravo, CancellationToken.None);
        Assert.Equal(bravo, (await Members.DefaultForUserAsync(user.Id, CancellationToken.None))?.AccountId);
        await Members.MarkUsedAsync(user.Id, alpha, CancellationToken.None);
        Assert.Equal(alpha, (await Members.DefaultForUserAsync(user.Id, CancellationToken.None))?.AccountId);

        using var http = await HttpSignIn.SignedInClientAsync(two.App.BaseUrl, user);
        Assert.Matches("data-testid=\"current-account\"[^>]*>Alpha Channel<", await http.GetStringAsync("/streams"));
    }

    [Fact]
    public async Task The_answer_and_the_owners_view_are_the_same_whether_or_not_a_user_has_the_email()
    {
        var (existing, _) = await SignUpAsync("Existing Channel");
        var (owner, account) = await SignUpAsync("Probing Channel");
        var nobody = $"nobody-{Guid.NewGuid():N}@example.test";

        var toExisting = await Invitations.InviteAsync(account, existing.Email, AccountRole.Editor, owner.Email, CancellationToken.None);
        var toNobody = await Invitations.InviteAsync(account, nobody, AccountRole.Editor, owner.Email, CancellationToken.None);

        Assert.Equal(toExisting, toNobody);
        Assert.StartsWith("If a user with this email exists, they have been invited", toNobody);
        var listed = (await Invitations.ForAccountAsync(account, CancellationToken.None)).Select(i => (i.Email, i.Role, i.InvitedBy)).Order().ToList();
        Assert.Equal([(existing.Email, AccountRole.Editor, owner.Email), (nobody, AccountRole.Editor, owner.Email)], listed.OrderBy(i => i.Email == nobody).ToList());

        // Whoever signs up with that email later cannot take the invitation over: it was for a user that did not exist.
        var (latecomer, _) = await SignUpAsync("Latecomer Channel", nobody);
        Assert.Empty(await Invitations.ForUserAsync(latecomer.Id, CancellationToken.None));
        Assert.Null(await Members.FindAsync(latecomer.Id, account, CancellationToken.None));
    }

    private async Task<(TestUser User, int AccountId)> SignUpAsync(string accountName, string? email = null)
    {
        var user = new TestUser(email ?? $"user-{Guid.NewGuid():N}@example.test", "correct horse battery staple", "");
        await using var scope = two.App.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>().SignUpAsync(user.Email, user.Password, accountName, CancellationToken.None);
        Assert.True(created.Succeeded, created.Error);
        return (user with { Id = created.User!.Id }, created.AccountId);
    }
}
