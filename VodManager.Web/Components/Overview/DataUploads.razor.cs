using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Editing;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Streams;
using VodManager.Web.Accounts;
using VodManager.Web.Components.Import;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Overview;

/// <summary>
/// Uploads a chat log, events file or transcript to a temporary file and starts its import job, which removes the file
/// when it ends. A refused or failed upload leaves no file behind.
/// </summary>
public sealed partial class DataUploads : LifetimeComponentBase
{
    private ActionGuard? _guard;
    private bool _wired;

    [Parameter, EditorRequired] public StreamSummary Stream { get; set; } = default!;

    /// <summary>The stream's events on the timeline: without an events file, those read from the chat's notices (raids, gifts).</summary>
    [Parameter] public int EventCount { get; set; }

    [Inject] private ImportJobs Imports { get; set; } = default!;
    [Inject] private DataUploadStaging Uploads { get; set; } = default!;
    [Inject] private CurrentAccount Account { get; set; } = default!;
    [Inject] private IOptions<EditorOptions> Options { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private ActionGuard Guard => _guard ??= ActionGuard.WithSnackbar(Account, Snackbar);

    private IEnumerable<(IngestKind Kind, string Label, bool Imported, string Accept)> Kinds =>
    [
        (IngestKind.Chat, "Chat log", Stream.ChatImported, ".json,.gz,.txt,.log"),
        (IngestKind.Events, "Events", Stream.EventsImported, ".jsonl,.json,.ndjson,.txt"),
        (IngestKind.Transcript, "Transcript", Stream.TranscriptImported, ".vtt,.srt,.json"),
    ];

    /// <summary>
    /// The pickers wire up their script after their first render; that call goes out before the render this one asks
    /// for, so once data-ready shows, a picked file reaches its picker.
    /// </summary>
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _wired = true;
            StateHasChanged();
        }
    }

    /// <summary>
    /// "not imported" would tell an editor looking at raid and gift markers that the stream has no events; without a
    /// file they were read from the chat's notices, and an events file would replace them.
    /// </summary>
    private string State(IngestKind kind, bool imported) =>
        imported ? "imported"
        : kind == IngestKind.Events && EventCount > 0 ? $"{EventCount.ToString("N0", CultureInfo.InvariantCulture)} from the chat"
        : "not imported";

    private async Task UploadAsync(IngestKind kind, IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        var limit = Options.Value.MaxDataUploadBytes;
        if (file.Size > limit)
        {
            Snackbar.Add($"'{file.Name}' is {ByteSize.Format(file.Size)}; uploads are limited to {ByteSize.Format(limit)} (Editor:MaxDataUploadBytes).", Severity.Error);
            return;
        }

        await Guard.RunAsync(AccountRole.Editor, async access =>
        {
            try
            {
                var path = await TempUpload.SaveAsync(file, Uploads, limit, Lifetime);
                // Saved: from here the job owns the file and removes it; a late cancel would strand it on this node.
                await Imports.ImportFileAsync(access.AccountId, Stream.Id, kind, path, deleteWhenDone: true, lastOfBatch: true, access.Actor, CancellationToken.None);
                Snackbar.Add($"Importing {kind.ToString().ToLowerInvariant()} from '{file.Name}'", Severity.Info);
            }
            catch (IOException e)
            {
                // The browser went away mid-upload, or the disk is full: nothing is imported and nothing is kept.
                Snackbar.Add($"Uploading '{file.Name}' failed: {e.Message}", Severity.Error);
            }
        }, Lifetime);
    }
}
