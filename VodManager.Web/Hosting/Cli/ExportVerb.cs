using System.CommandLine;
using System.Globalization;
using VodManager.Core.Export;
using VodManager.Core.Jobs;

namespace VodManager.Web.Hosting.Cli;

/// <summary>`export --clip ID --profile NAME [--framing center|x=0.3|blur] [--chat] [--account A]`: one vertical export, now.</summary>
public sealed class ExportVerb : ICliVerb
{
    public string Name => "export";

    public Command Build(CliContext cli)
    {
        var clip = new Option<int>("--clip") { Description = "The clip (its VOD id) to export.", Required = true };
        var profile = new Option<string>("--profile") { Description = "An encoder profile from Export:Profiles, e.g. shorts-1080x1920.", Required = true };
        var framing = new Option<string>("--framing") { Description = "center (default), x=<0..1> (crop centred there) or blur (whole frame over a blurred copy).", DefaultValueFactory = _ => "center" };
        var chat = new Option<bool>("--chat") { Description = "Overlay the clip's chat messages." };
        var account = CliContext.AccountOption();
        var command = new Command(Name, "Export a clip as a vertical 9:16 video with burned-in captions.") { clip, profile, framing, chat, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accountId = await cli.ResolveAccountAsync(parse.GetValue(account), cancellationToken);
            var clipId = parse.GetValue(clip);
            Guid jobId;
            try
            {
                using var _ = cli.ShowProgress();
                jobId = await cli.Services.GetRequiredService<ExportJobs>().ExportAsync(
                    accountId, clipId, parse.GetValue(profile)!, parse.GetValue(framing)!, parse.GetValue(chat), "cli", cancellationToken);
            }
            catch (ExportException e)
            {
                throw new CliException(e.Message);
            }

            var message = await cli.Services.GetRequiredService<JobTracker>().MessageAsync(accountId, jobId, cancellationToken);
            var spec = new ExportSpec(accountId, clipId, parse.GetValue(profile)!, Framing.Parse(parse.GetValue(framing)), parse.GetValue(chat));
            var export = await cli.Services.GetRequiredService<ExportLibrary>().FindAsync(spec, cancellationToken)
                ?? throw new CliException($"The export of clip {clipId} finished but its VOD was not found.");
            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"clip {clipId}: {message}; VOD {export.VodId} {export.Profile} {export.Framing}{(export.Chat ? " chat" : "")} {export.Width}x{export.Height} {export.DurationSeconds:0.0} s, {Core.ByteSize.Format(export.SizeBytes)}"));
            return 0;
        });
        return command;
    }
}
