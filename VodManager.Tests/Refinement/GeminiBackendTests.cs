using System.Text.Json.Nodes;
using VodManager.Core.Data.Entities;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;

namespace VodManager.Tests.Refinement;

/// <summary>The gemini backend against a local fake speaking the real generateContent format: requests, answers, retries, failures.</summary>
public sealed class GeminiBackendTests : IDisposable
{
    private readonly GeminiFake _gemini = new();

    public void Dispose() => _gemini.Dispose();

    private async Task<(RefinementScenario Scenario, Highlight Highlight)> StartAsync(Dictionary<string, string?> settings)
    {
        var scenario = await RefinementScenario.StartAsync(GeminiBackend.BackendName, SegmentedMedia.LoudInTheMiddle, settings);
        return (scenario, await scenario.AddHighlightAsync(9.5, 16.5));
    }

    [Fact]
    public async Task A_good_answer_refines_the_highlight_from_a_request_with_context_schema_and_inline_audio()
    {
        _gemini.Always(200, GeminiFake.Success(GeminiFake.Answer(9.8, 16.2, true, 0.82, "the shout and the reaction")));
        var (s, highlight) = await StartAsync(_gemini.Settings());
        await using var _ = s;

        var run = await s.RefineAsync();

        var row = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefineOutcome.Refined, Assert.Single(run.Results).Outcome);
        Assert.Equal((9.8, 16.2, true, 0.82), (row.RefinedStart!.Value, row.RefinedEnd!.Value, row.IsClipable!.Value, row.Confidence!.Value));
        Assert.Equal("the shout and the reaction", row.RefinementReason);
        // 9.5–16.5 → 9.8–16.2 moved; the second iteration got the same answer: settled.
        Assert.Equal(2, row.RefinementAttempts.Count);
        Assert.Contains("modelVersion", row.RefinementAttempts[0].RawResponse);

        var (body, key) = _gemini.Requests[0];
        Assert.Equal(GeminiFake.Key, key);
        var config = body["generationConfig"]!;
        Assert.Equal("application/json", (string?)config["responseMimeType"]);
        Assert.Equal(["start_seconds", "end_seconds", "is_clipable", "confidence", "reason"], config["responseSchema"]!["required"]!.AsArray().Select(n => (string?)n));
        var parts = body["contents"]![0]!["parts"]!.AsArray();
        Assert.Contains("Candidate moment: 9.5–16.5 s", (string?)parts[0]!["text"]);
        var audio = parts[1]!["inlineData"]!;
        Assert.Equal("audio/mp3", (string?)audio["mimeType"]);
        var mp3 = Convert.FromBase64String((string)audio["data"]!);
        Assert.True(mp3.Length > 10_000, $"{mp3.Length} bytes of audio for a 30 s window");
        Assert.True(mp3[0] == 0xFF || (mp3[0] == 'I' && mp3[1] == 'D' && mp3[2] == '3'), "not MP3");
        Assert.Contains("Candidate moment: 9.8–16.2 s (refinement iteration 2)", (string?)_gemini.Requests[1].Body["contents"]![0]!["parts"]![0]!["text"]);
    }

    [Fact]
    public async Task The_model_is_told_where_twitch_muted_the_sound_and_its_loudness_there_is_not_given_as_a_level()
    {
        _gemini.Always(200, GeminiFake.Success(GeminiFake.Answer(9.8, 16.2, true, 0.82, "the shout and the reaction")));
        var (s, _) = await StartAsync(_gemini.Settings());
        await using var _ = s;
        await s.MuteAsync((12, 14));

        await s.RefineAsync();

        var text = (string)_gemini.Requests[0].Body["contents"]![0]!["parts"]![0]!["text"]!;
        Assert.Contains("Twitch muted the sound at 0:12.0–0:14.0: silence there is the platform's", text);
        var levels = text[(text.IndexOf("Loudness per second", StringComparison.Ordinal))..].Split('\n')[1].Split(' ');
        // The window opens 15 s before the candidate (clamped to 0): second s is entry s.
        Assert.Equal(["muted", "muted"], levels[12..14]);
        Assert.DoesNotContain("muted", levels[..12]);
        Assert.DoesNotContain("muted", levels[14..]);
    }

    [Fact]
    public async Task A_429_is_retried_and_the_next_answer_is_used()
    {
        _gemini.FirstThen(429, GeminiFake.Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded"), GeminiFake.Success(GeminiFake.Answer(9.5, 16.5, true, 0.7, "fine as it is")));
        var (s, highlight) = await StartAsync(_gemini.Settings());
        await using var _ = s;

        await s.RefineAsync();

        var row = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefinementStatus.Refined, row.RefinementStatus);
        Assert.Equal(2, _gemini.Requests.Count);
        Assert.Null(Assert.Single(row.RefinementAttempts).Error);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_retries_run_out_then_the_highlight_fails()
    {
        _gemini.Always(500, GeminiFake.Error(500, "INTERNAL", "An internal error has occurred."));
        var (s, highlight) = await StartAsync(_gemini.Settings(maxRetries: 2));
        await using var _ = s;

        await s.RefineAsync();

        var row = await s.HighlightAsync(highlight.Id);
        Assert.Equal(3, _gemini.Requests.Count);
        Assert.Equal(RefinementStatus.Failed, row.RefinementStatus);
        Assert.Contains("500", row.RefinementReason);
        Assert.Contains("after 3 attempts", row.RefinementReason);
        Assert.Contains("INTERNAL An internal error has occurred.", row.RefinementReason);
        Assert.Contains("INTERNAL", Assert.Single(row.RefinementAttempts).RawResponse);
    }

    [Theory]
    [InlineData("{\"start_seconds\": 9.5, \"end_seconds\": ", "not the JSON asked for")]
    [InlineData("{\"start_seconds\": 9.5, \"end_seconds\": 16, \"confidence\": 0.5, \"reason\": \"x\"}", "not the JSON asked for")]
    [InlineData("{\"start_seconds\": 2, \"end_seconds\": 900, \"is_clipable\": true, \"confidence\": 0.5, \"reason\": \"x\"}", "not a range inside the window")]
    public async Task A_malformed_or_impossible_answer_fails_the_highlight_and_keeps_the_raw_answer(string text, string expected)
    {
        _gemini.Always(200, GeminiFake.Success(text));
        var (s, highlight) = await StartAsync(_gemini.Settings());
        await using var _ = s;

        await s.RefineAsync();

        var row = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefinementStatus.Failed, row.RefinementStatus);
        Assert.Contains(expected, row.RefinementReason);
        Assert.Null(row.RefinedStart);
        Assert.Contains("candidates", Assert.Single(row.RefinementAttempts).RawResponse);
    }

    [Fact]
    public async Task An_answer_that_never_comes_times_out_each_attempt_and_fails()
    {
        _gemini.Always(200, GeminiFake.Success(GeminiFake.Answer(9.5, 16.5, true, 0.7, "late")), delay: TimeSpan.FromSeconds(3));
        var (s, highlight) = await StartAsync(_gemini.Settings(maxRetries: 1, attemptTimeout: "00:00:00.300"));
        await using var _ = s;

        await s.RefineAsync();

        var row = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefinementStatus.Failed, row.RefinementStatus);
        Assert.Contains("did not answer in time (0.3 s per attempt, 2 attempts", row.RefinementReason);
        Assert.Equal(2, _gemini.Received);
        // The attempt's duration also holds the window's audio extraction, so only the recorded error is checked here.
        Assert.Contains("did not answer in time", Assert.Single(row.RefinementAttempts).Error);
    }

    [Fact]
    public async Task A_candidate_stopped_for_safety_is_a_refusal()
    {
        _gemini.Always(200, """{"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH","blocked":true}]}],"modelVersion":"gemini-2.5-flash"}""");
        var (s, highlight) = await StartAsync(_gemini.Settings());
        await using var _ = s;

        await s.RefineAsync();

        var row = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefinementStatus.Failed, row.RefinementStatus);
        Assert.Equal("gemini: Gemini refused to answer (finishReason SAFETY).", row.RefinementReason);
    }

    [Fact]
    public async Task A_blocked_prompt_is_a_refusal()
    {
        _gemini.Always(200, """{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"HIGH"}]},"usageMetadata":{"promptTokenCount":700,"totalTokenCount":700},"modelVersion":"gemini-2.5-flash"}""");
        var (s, highlight) = await StartAsync(_gemini.Settings());
        await using var _ = s;

        await s.RefineAsync();

        var row = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefinementStatus.Failed, row.RefinementStatus);
        Assert.Equal("gemini: Gemini refused the request: the prompt was blocked (SAFETY).", row.RefinementReason);
    }

    [Fact]
    public async Task Audio_over_the_inline_limit_goes_by_a_time_limited_url_that_is_removed_after_the_call()
    {
        _gemini.Always(200, GeminiFake.Success(GeminiFake.Answer(9.5, 16.5, true, 0.7, "fine")));
        var settings = _gemini.Settings(inlineMax: 1000);
        settings["Storage:LocalDisk:PublicBaseUrl"] = "http://127.0.0.1:9/";
        var (s, highlight) = await StartAsync(settings);
        await using var _ = s;

        await s.RefineAsync();

        Assert.Equal(RefinementStatus.Refined, (await s.HighlightAsync(highlight.Id)).RefinementStatus);
        var parts = _gemini.Requests[0].Body["contents"]![0]!["parts"]!.AsArray();
        Assert.DoesNotContain(parts, p => p!["inlineData"] is not null);
        var file = parts[1]!["fileData"]!;
        Assert.Equal("audio/mp3", (string?)file["mimeType"]);
        Assert.StartsWith("http://127.0.0.1:9/", (string?)file["fileUri"]);
        var left = new List<string>();
        await foreach (var key in s.Host.Get<IVodStorage>().ListAsync(StorageKeys.AccountPrefix(s.AccountId) + "tmp/", CancellationToken.None))
        {
            left.Add(key);
        }

        Assert.Empty(left);
    }
}
