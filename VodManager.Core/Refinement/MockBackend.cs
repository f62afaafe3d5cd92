using System.Globalization;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Refinement;

/// <summary>
/// Deterministic refinement for demos and tests: the first iteration trims one second off each end and rounds the
/// bounds to half seconds, later iterations keep them (so a run settles on its second iteration); a moment shorter
/// than Refinement:MinClipSeconds is "not a clip". Confidence grows with the detection score. Reads no media.
/// </summary>
public sealed class MockBackend(IOptions<RefinementOptions> options) : IRefinementBackend
{
    public const string BackendName = "mock";

    public string Name => BackendName;

    public string Description => "For demos and tests: trims a second off each end and reads nothing.";

    public string? Unavailable => null;

    public Task<RefinementProposal> ProposeAsync(RefinementInput input, CancellationToken cancellationToken)
    {
        var trim = input.Iteration == 1 && input.End - input.Start > 2 ? 1.0 : 0.0;
        var start = Math.Round((input.Start + trim) * 2, MidpointRounding.AwayFromZero) / 2;
        var end = Math.Round((input.End - trim) * 2, MidpointRounding.AwayFromZero) / 2;
        var clipable = end - start >= options.Value.MinClipSeconds;
        var confidence = Math.Round(Math.Clamp(0.5 + input.Highlight.Score / 20, 0, 0.95), 2);
        var reason = clipable
            ? (trim > 0 ? "mock: trimmed 1 s from each end" : "mock: bounds kept")
            : string.Create(CultureInfo.InvariantCulture, $"mock: {end - start:0.#} s is shorter than {options.Value.MinClipSeconds:0.#} s");
        var raw = string.Create(CultureInfo.InvariantCulture, $$"""{"start":{{start}},"end":{{end}},"clipable":{{(clipable ? "true" : "false")}}}""");
        return Task.FromResult(new RefinementProposal(start, end, clipable, confidence, reason, raw));
    }
}
