using Microsoft.Playwright;
using VodManager.Web.Accounts;
using VodManager.Web.Components;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// Debian's Chromium driven by Playwright, shared by the whole run (one process, a fresh context per test).
/// No browser download: the system binary is used with the flags this offline machine needs.
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Chromium 156 preloads the address bar's popup (a WebUI page of some 400 scripts, in a renderer of its own) for
    /// every window, headless too: traced on four pages, it took 1.6–2.3 s of main-thread time each, as much as or more
    /// than the page's own renderer (0.9–2.0 s), and the editor tests ran 23% faster without it. Chromium keeps
    /// only the last <c>--disable-features</c>, so this one repeats the list Playwright 1.64 passes before it.
    /// </summary>
    private const string DisabledFeatures =
        "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,DialMediaRouteProvider,GlobalMediaControls,"
        + "HttpsUpgrades,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,BlockOriginHeaderModificationOnRedirect,"
        + "AvoidCorsURLLoaderRestartOnRedirect,Translate,AutoDeElevate,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,"
        + "msForceBrowserSignIn,msEdgeUpdateLaunchServicesPreferredVersion,"
        + "PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>How long a page may take to answer while the rest of the suite (ffmpeg, two-node runs) loads the machine.</summary>
    private const float SlowServerTimeoutMs = 60_000;

    /// <summary>How long an expectation may take to come true on that loaded machine.</summary>
    private const float SlowAssertionTimeoutMs = 15_000;

    /// <summary>Where screenshots go; CI keeps TestResults as artifacts.</summary>
    public static string ScreenshotFolder => Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

    /// <summary>
    /// The zone every test browser lives in: not the server's (UTC here), so a page that showed the server's clock, or
    /// read a typed time as UTC, fails.
    /// </summary>
    public const string TimeZoneId = "America/Los_Angeles";

    /// <summary>What a page in <see cref="TimeZoneId"/> shows for <paramref name="utc"/>.</summary>
    public static DateTime Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));

    public static async Task<IBrowserContext> NewContextAsync()
    {
        var browser = await GetAsync();
        return await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, TimezoneId = TimeZoneId });
    }

    /// <summary>
    /// A fresh context signed in as the user (the demo owner when none is named), holding the cookies a sign-in over
    /// HTTP got and the time-zone cookie the first page would set. Signing in through the page (<see cref="SignInAsync"/>,
    /// which the sign-in tests use) cost each test ~2 s of Chromium and left a streams page's circuit on the server for
    /// minutes when its tab closed as it started.
    /// </summary>
    public static async Task<IBrowserContext> NewSignedInContextAsync(Uri baseUrl, TestUser? user = null)
    {
        var context = await NewContextAsync();
        var site = baseUrl.GetLeftPart(UriPartial.Authority);
        var cookies = await HttpSignIn.SignedInCookiesAsync(baseUrl, user ?? TestUser.Demo);
        await context.AddCookiesAsync(
        [
            .. cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = site, HttpOnly = c.HttpOnly, SameSite = SameSiteAttribute.Lax }),
            new Cookie { Name = EditorTimeZone.CookieName, Value = Uri.EscapeDataString(TimeZoneId), Url = site, SameSite = SameSiteAttribute.Lax },
        ]);
        return context;
    }

    /// <summary>
    /// A new page of the context that filled in the sign-in form and sent it, whatever the answer (the tests of a
    /// refusal look at it). Left open: closing a page right after its form post can hang Playwright's close call.
    /// </summary>
    public static async Task<IPage> SubmitSignInAsync(IBrowserContext context, Uri baseUrl, string email, string password)
    {
        var page = await OpenSignInAsync(context, baseUrl, email, password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    private static async Task<IPage> OpenSignInAsync(IBrowserContext context, Uri baseUrl, string email, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseUrl, AccountsWebExtensions.SignInPath).ToString());
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        return page;
    }

    /// <summary>Signs the context in through the real sign-in page, as a person does.</summary>
    public static async Task SignInAsync(IBrowserContext context, Uri baseUrl, TestUser user)
    {
        const string signIn = AccountsWebExtensions.SignInPath;
        var page = await OpenSignInAsync(context, baseUrl, user.Email, user.Password);
        // Waiting on the form's post itself (not only on the next URL) tells a click the page never posted from a
        // server that answered slowly (the in-process app shares two cores with the whole suite) or refused the user.
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == signIn,
            new PageRunAndWaitForResponseOptions { Timeout = SlowServerTimeoutMs });
        if (answer.Status is < 300 or >= 400)
        {
            var shown = await page.Locator(".mud-alert").AllInnerTextsAsync();
            throw new InvalidOperationException($"Signing in as {user.Email} answered {answer.Status}, not a redirect; the page says: {string.Join(" | ", shown)}");
        }

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/streams", new PageWaitForURLOptions { Timeout = SlowServerTimeoutMs });
        await page.CloseAsync();
    }

    /// <summary>Fails when <paramref name="scroller"/> (a table's container) is wider inside than it shows: its content would scroll sideways.</summary>
    public static async Task AssertFitsAsync(ILocator scroller, string what)
    {
        var widths = await scroller.EvaluateAsync<int[]>("c => [c.scrollWidth, c.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{what} is {widths[0]} px wide in a {widths[1]} px container");
    }

    /// <summary>How many lines each element's text takes: an inline element that wraps has a box per line.</summary>
    public static Task<int[]> LinesAsync(ILocator elements) => elements.EvaluateAllAsync<int[]>("es => es.map(e => e.getClientRects().length)");

    /// <param name="fullPage">False for what the window shows, e.g. with a drawer over the page.</param>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });
    }

    /// <summary>Opens a page and waits until the Blazor circuit is interactive (clicks before that are lost).</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, Uri url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        await page.WaitForSelectorAsync("[data-testid=circuit-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = SlowServerTimeoutMs });
        return page;
    }

    private static async Task<IBrowser> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            // Playwright's 5 s for an assertion to come true is short on two cores shared with ffmpeg and a second
            // node: a live update or a page answering late fails a check that only needed to wait.
            Assertions.SetDefaultExpectTimeout(SlowAssertionTimeoutMs);
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    DisabledFeatures,
                ],
            });
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                _browser?.CloseAsync().GetAwaiter().GetResult();
                _playwright?.Dispose();
            };
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }
}
