using System.Net;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Accounts;

/// <summary>Signing in with a hostile or unusual returnUrl answers a redirect with an ASCII, local Location, never a 500.</summary>
[Collection(TwoAccountsCollection.Name)]
public sealed class SignInReturnUrlTests(TwoAccountsApp two)
{
    [Theory]
    [InlineData("/streams\u3000x", "/streams")]
    [InlineData("/streams/\u0007", "/streams")]
    [InlineData("//evil.example/", "/streams")]
    [InlineData("/\\evil.example/", "/streams")]
    [InlineData("https://evil.example/", "/streams")]
    [InlineData("/account/signout", "/streams")]
    [InlineData("/clips?q=caf\u00e9#top", "/clips?q=caf%C3%A9#top")]
    [InlineData("/streams/1?highlight=2", "/streams/1?highlight=2")]
    public async Task Sign_in_redirects_to_a_safe_encoded_local_url(string returnUrl, string expected)
    {
        using var http = HttpSignIn.NewClient(two.App.BaseUrl);

        using var response = await HttpSignIn.PostFormAsync(http, $"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}",
            new() { ["Input.Email"] = TestUser.Demo.Email, ["Input.Password"] = TestUser.Demo.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.All(location.OriginalString, c => Assert.True(char.IsAscii(c)));
        var to = new Uri(two.App.BaseUrl, location);
        Assert.Equal(two.App.BaseUrl.Authority, to.Authority);
        Assert.Equal(expected, to.PathAndQuery + to.Fragment);
    }
}
