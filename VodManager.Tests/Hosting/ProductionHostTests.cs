using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Hosting;

/// <summary>The app as the quick start runs it (the build's output, not Development): working assets, safe error pages.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class ProductionHostTests
{
    [Fact]
    public async Task Outside_development_the_pages_assets_load_and_a_malformed_api_body_gets_a_plain_400()
    {
        await using var node = await AppNode.StartAsync("production", new Dictionary<string, string?>());
        var baseUrl = node.BaseUrl;
        var cookies = new CookieContainer();
        using var http = node.CreateClient(cookies);

        var page = await http.GetStringAsync("/account/signup");
        var assets = Asset().Matches(page).Select(m => m.Groups["path"].Value).Where(p => p.Contains("_content/MudBlazor/") || p.Contains("_framework/")).Distinct().ToList();
        Assert.Equal(3, assets.Count); // MudBlazor's stylesheet and script, Blazor's script
        foreach (var asset in assets)
        {
            using var response = await http.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 10_000, asset);
        }

        // The tab's icon, named in the head (the browser asked for /favicon.ico, a 404, on every page) and served before sign-in.
        var icon = Icon().Match(page);
        Assert.True(icon.Success, "the page names its icon");
        using (var served = await http.GetAsync(icon.Groups["path"].Value))
        {
            Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (served.StatusCode, served.Content.Headers.ContentType?.MediaType));
            Assert.Contains("<svg", await served.Content.ReadAsStringAsync());
        }

        using (var signedUp = await HttpSignIn.PostFormAsync(http, "/account/signup",
            new() { ["Input.Email"] = "operator@example.test", ["Input.Password"] = "a long enough passphrase", ["Input.AccountName"] = "Probe Channel" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedUp.StatusCode);
        }

        using var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/streams/1/uploads") { Content = new StringContent("{\"fileName\": \"a.mp4\", \"length\": ", Encoding.UTF8, "application/json") };
        cookies.Add(baseUrl, new Cookie("probe", "cookie-secret-7f3a"));
        using var answer = await http.SendAsync(malformed);
        var body = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.DoesNotContain("cookie-secret-7f3a", body);
        Assert.DoesNotContain(".AspNetCore.", body);
        Assert.DoesNotContain("Exception", body);
    }

    [GeneratedRegex("""(?:href|src)="(?<path>[^"]+\.(?:css|js))""")]
    private static partial Regex Asset();

    [GeneratedRegex("""<link rel="icon" [^>]*href="(?<path>[^"]+)""")]
    private static partial Regex Icon();
}
