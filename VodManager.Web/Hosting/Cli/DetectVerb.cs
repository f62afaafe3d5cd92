using System.CommandLine;
using System.Globalization;
using VodManager.Core.Detection;
using VodManager.Core.Editing;

namespace VodManager.Web.Hosting.Cli;

/// <summary>`detect --stream ID [--account A]`: (re-)detects a stored stream's highlights and prints them.</summary>
public sealed class DetectVerb : ICliVerb
{
    public string Name => "detect";

    public Command Build(CliContext cli)
    {
        var stream = new Option<int>("--stream") { Description = "The stream to detect highlights in.", Required = true };
        var account = CliContext.AccountOption();
        var command = new Command(Name, "Detect a stream's highlights (keeps those with a clip, a cut in flight or a trim).") { stream, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var streamId = parse.GetValue(stream);
            using (cli.ShowProgress())
            {
                await cli.Services.GetRequiredService<DetectionJobs>().DetectAsync(accountId, streamId, CliContext.Actor, cancellationToken);
            }

            foreach (var h in await cli.Services.GetRequiredService<HighlightQueries>().ListAsync(accountId, streamId, cancellationToken))
            {
                await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"#{h.Rank} id {h.Id} {h.DetectedStart:0.0}-{h.DetectedEnd:0.0} s score {h.Score:0.00} (chat {h.Signals.Chat:0.00}, events {h.Signals.Events:0.00}, transcript {h.Signals.Transcript:0.00}, audio {h.Signals.Audio:0.00}) {h.Explanation}"));
            }

            return 0;
        });
        return command;
    }
}
