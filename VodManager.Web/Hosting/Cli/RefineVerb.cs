using System.CommandLine;
using System.Globalization;
using VodManager.Core.Editing;
using VodManager.Core.Jobs;
using VodManager.Core.Refinement;

namespace VodManager.Web.Hosting.Cli;

/// <summary>`refine --stream ID [--highlight ID]... [--backend mock|heuristic|gemini] [--account A]`: refines now and prints each highlight's outcome.</summary>
public sealed class RefineVerb : ICliVerb
{
    public string Name => "refine";

    public Command Build(CliContext cli)
    {
        var stream = new Option<int>("--stream") { Description = "The stream whose highlights to refine.", Required = true };
        var highlight = new Option<int[]>("--highlight") { Description = "A highlight to refine (repeatable); without it, every highlight not refined yet, best-scored first." };
        var backend = new Option<string?>("--backend") { Description = "mock, heuristic or gemini for this run; default: the account's." };
        var account = CliContext.AccountOption();
        var command = new Command(Name, "Refine a stream's highlights: tighter bounds, a clip-or-not verdict and a confidence, within the caps.") { stream, highlight, backend, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var streamId = parse.GetValue(stream);
            var ids = parse.GetValue(highlight) is { Length: > 0 } chosen ? chosen : null;
            using var _ = cli.ShowProgress();
            var failedJob = false;
            try
            {
                await cli.Services.GetRequiredService<RefinementJobs>().RefineAsync(accountId, streamId, ids, parse.GetValue(backend), "cli", cancellationToken);
            }
            catch (RefinementException e)
            {
                throw new CliException(e.Message);
            }
            catch (JobFailedException e)
            {
                // The highlights carry each failure; print them all, then exit non-zero.
                await cli.Error.WriteLineAsync($"error: {e.Message}");
                failedJob = true;
            }

            return await PrintAsync(cli, accountId, streamId, ids, cancellationToken) && !failedJob ? 0 : 1;
        });
        return command;
    }

    /// <summary>One stdout line per highlight: "highlight 5 (#1): refined 58.00–74.00 → 61.00–67.50 s, clip, confidence 0.88: reason".</summary>
    private static async Task<bool> PrintAsync(CliContext cli, int accountId, int streamId, int[]? ids, CancellationToken cancellationToken)
    {
        var rows = (await cli.Services.GetRequiredService<HighlightQueries>().ListAsync(accountId, streamId, cancellationToken))
            .Where(h => ids is null || ids.Contains(h.Id)).ToList();
        foreach (var h in rows)
        {
            var line = h.RefinementStatus == RefinementStatus.Refined
                ? string.Create(CultureInfo.InvariantCulture,
                    $"highlight {h.Id} (#{h.Rank}): refined {h.DetectedStart:0.00}–{h.DetectedEnd:0.00} → {h.RefinedStart:0.00}–{h.RefinedEnd:0.00} s, {(h.IsClipable == true ? "clip" : "not a clip")}, confidence {h.Confidence:0.00}: {h.RefinementReason}")
                : $"highlight {h.Id} (#{h.Rank}): {h.RefinementStatus.ToString().ToLowerInvariant()}{(h.RefinementReason is null ? "" : ": " + h.RefinementReason)}";
            await cli.Out.WriteLineAsync(line);
        }

        return rows.All(h => h.RefinementStatus != RefinementStatus.Failed);
    }
}
