using System.Net;
using System.Text.RegularExpressions;

namespace VodManager.Tests.Fixtures;

/// <summary>Signs in over plain HTTP the way a browser does: load the form, post it back with its antiforgery fields.</summary>
public static partial class HttpSignIn
{
    /// <summary>A client that keeps cookies (in <paramref name="cookies"/> when given) and does not follow redirects (tests look at them).</summary>
    public static HttpClient NewClient(Uri baseUrl, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUrl };

    /// <summary>Posts the sign-in form; a success answers with a redirect and the sign-in cookie.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string email, string password) =>
        PostFormAsync(http, "/account/signin", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>
    /// Loads a page's form and posts it back with the given fields and the form's own hidden ones; to
    /// <paramref name="postTo"/> (another node's address) when given.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, Dictionary<string, string> values, Uri? postTo = null)
    {
        var form = await http.GetStringAsync(path);
        var fields = HiddenInput().Matches(form).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value))).ToList();
        fields.AddRange(values);
        return await http.PostAsync(postTo is null ? new Uri(path, UriKind.Relative) : new Uri(postTo, path), new FormUrlEncodedContent(fields));
    }

    /// <summary>A client signed in as the user; fails the test when sign-in does not succeed.</summary>
    public static async Task<HttpClient> SignedInClientAsync(Uri baseUrl, TestUser user)
    {
        var http = NewClient(baseUrl);
        await SignInAsync(http, baseUrl, user);
        return http;
    }

    /// <summary>The cookies a browser holds once signed in as the user (the sign-in cookie among them); fails the test when sign-in does not succeed.</summary>
    public static async Task<CookieCollection> SignedInCookiesAsync(Uri baseUrl, TestUser user)
    {
        var cookies = new CookieContainer();
        using var http = NewClient(baseUrl, cookies);
        await SignInAsync(http, baseUrl, user);
        return cookies.GetAllCookies();
    }

    private static async Task SignInAsync(HttpClient http, Uri baseUrl, TestUser user)
    {
        using var response = await PostAsync(http, user.Email, user.Password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } to && new Uri(baseUrl, to).AbsolutePath == "/streams",
            $"signing in as {user.Email} should redirect to /streams, got {(int)response.StatusCode} {response.Headers.Location}");
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();
}
