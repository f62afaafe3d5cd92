using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace VodManager.Tests.Refinement;

/// <summary>
/// A local stand-in for the Gemini REST API (WireMock.Net on a free loopback port) that answers generateContent
/// the way the real service does: candidates with JSON text, 429/500 error bodies, blocked prompts, refusals.
/// </summary>
internal sealed class GeminiFake : IDisposable
{
    public const string Model = "gemini-test";
    public const string Key = "test-key";
    private const string Path = "/v1beta/models/" + Model + ":generateContent";

    private readonly WireMockServer _server;
    private int _received;

    public GeminiFake()
    {
        // WireMock logs a request only once its response is written; a client that timed out never sees that, so
        // requests are also counted as they arrive.
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(async (context, next) =>
            {
                if (context.Request.Path == Path)
                {
                    Interlocked.Increment(ref _received);
                }

                await next();
            }),
        });
    }

    /// <summary>How many generateContent requests arrived, answered or not.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>Settings that point the gemini backend here, with short delays so retries and timeouts take milliseconds.</summary>
    public Dictionary<string, string?> Settings(int maxRetries = 2, string attemptTimeout = "00:00:02", long? inlineMax = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Refinement:Gemini:BaseUrl"] = _server.Url + "/v1beta",
            ["Refinement:Gemini:Model"] = Model,
            ["Refinement:Gemini:ApiKey"] = Key,
            ["Refinement:Gemini:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Refinement:Gemini:RetryBaseDelay"] = "00:00:00.010",
            ["Refinement:Gemini:AttemptTimeout"] = attemptTimeout,
            ["Refinement:Gemini:TotalTimeout"] = "00:00:20",
        };
        if (inlineMax is { } max)
        {
            settings["Refinement:Gemini:InlineAudioMaxBytes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>Every generateContent request received, as JSON, with its API key header.</summary>
    public IReadOnlyList<(JsonObject Body, string? ApiKey)> Requests => _server.LogEntries
        .Where(e => e.RequestMessage.Path == Path)
        .Select(e => (JsonNode.Parse(e.RequestMessage.Body!)!.AsObject(),
            e.RequestMessage.Headers!.TryGetValue("x-goog-api-key", out var key) ? key.FirstOrDefault() : null))
        .ToList();

    /// <summary>A successful response whose answer text is <paramref name="text"/> (normally the JSON the schema asks for).</summary>
    public static string Success(string text, string finishReason = "STOP") => JsonSerializer.Serialize(new
    {
        candidates = new[]
        {
            new
            {
                content = new { parts = new[] { new { text } }, role = "model" },
                finishReason,
                index = 0,
                safetyRatings = new[] { new { category = "HARM_CATEGORY_HARASSMENT", probability = "NEGLIGIBLE" } },
            },
        },
        usageMetadata = new { promptTokenCount = 812, candidatesTokenCount = 41, totalTokenCount = 853 },
        modelVersion = "gemini-2.5-flash",
    });

    public static string Answer(double start, double end, bool clipable, double confidence, string reason) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["start_seconds"] = start, ["end_seconds"] = end, ["is_clipable"] = clipable, ["confidence"] = confidence, ["reason"] = reason,
    });

    public static string Error(int code, string status, string message) =>
        JsonSerializer.Serialize(new { error = new { code, message, status } });

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="body"/>, after <paramref name="delay"/>.</summary>
    public void Always(int status, string body, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        _server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(delay is { } d ? response.WithDelay(d) : response);
    }

    /// <summary>The first request gets <paramref name="firstStatus"/>/<paramref name="firstBody"/>, every later one 200 with <paramref name="then"/>.</summary>
    public void FirstThen(int firstStatus, string firstBody, string then)
    {
        _server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("first").WillSetStateTo("answered")
            .RespondWith(Response.Create().WithStatusCode(firstStatus).WithHeader("Content-Type", "application/json").WithBody(firstBody));
        _server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("first").WhenStateIs("answered")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(then));
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }
}
