using System.Net;
using System.Text.RegularExpressions;

namespace VodManager.Tests.Fixtures;

/// <summary>Signs in over plain HTTP the way a browser does: load the form, post it back with its antiforgery fields.</summary>
public static partial class HttpSignIn
{
    /// <summary>A client that keeps cookies and does not follow redirects (tests look at them).</summary>
    public static HttpClient NewClient(Uri baseUrl) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUrl };

    /// <summary>Posts the sign-in form; a success answers with a redirect and the sign-in cookie.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string email, string password)
    {
        var form = await http.GetStringAsync("/account/signin");
        var fields = HiddenInput().Matches(form).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value))).ToList();
        fields.Add(KeyValuePair.Create("Input.Email", email));
        fields.Add(KeyValuePair.Create("Input.Password", password));
        return await http.PostAsync("/account/signin", new FormUrlEncodedContent(fields));
    }

    /// <summary>A client signed in as the user; fails the test when sign-in does not succeed.</summary>
    public static async Task<HttpClient> SignedInClientAsync(Uri baseUrl, TestUser user)
    {
        var http = NewClient(baseUrl);
        using var response = await PostAsync(http, user.Email, user.Password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } to && new Uri(baseUrl, to).AbsolutePath == "/streams",
            $"signing in as {user.Email} should redirect to /streams, got {(int)response.StatusCode} {response.Headers.Location}");
        return http;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();
}
