using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core.Accounts;
using VodManager.Core.Export;
using VodManager.Core.Jobs;
using VodManager.Core.Storage;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Export;

/// <summary>
/// "Export vertical" for one clip: profile, framing (with a crop position picked on a still of the clip) and chat;
/// then the export job's live progress and a download link for the result.
/// </summary>
public sealed partial class ExportDialog : LiveJobsComponentBase
{
    private string _profile = "";
    private string _framingKind = "center";
    private double _x = 0.5;
    private bool _chat;
    private string? _still;
    private string? _stillError;
    private (int Width, int Height) _source = (16, 9);
    private Guid? _jobId;
    private JobUpdate? _job;
    private string? _download;
    private string? _error;
    private ActionGuard? _guard;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The clip (its VOD id) to export.</summary>
    [Parameter, EditorRequired] public int ClipVodId { get; set; }

    /// <summary>The clip's title, shown under the dialog's title.</summary>
    [Parameter] public string? ClipTitle { get; set; }

    [Inject] private ExportJobs ExportJobs { get; set; } = default!;
    [Inject] private ExportService Exports { get; set; } = default!;
    [Inject] private ExportStills Stills { get; set; } = default!;
    [Inject] private ExportLibrary Library { get; set; } = default!;
    [Inject] private IVodStorage Storage { get; set; } = default!;
    [Inject] private IOptions<ExportOptions> Options { get; set; } = default!;
    [Inject] private IOptions<StorageOptions> StorageOptions { get; set; } = default!;

    private IEnumerable<KeyValuePair<string, ExportProfile>> Profiles => Options.Value.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal);

    private ActionGuard Guard => _guard ??= new ActionGuard(Account, message => _error = message);

    private bool Running => _job is { IsFinished: false } || (_jobId is not null && _job is null);

    /// <summary>The stored export, once the job succeeded.</summary>
    private ExportEntry? Result { get; set; }

    private string DownloadName => Format.ExportFileName(ClipTitle ?? "clip", _profile);

    private Framing Framing => _framingKind switch
    {
        "blur" => Framing.Blur,
        "x" => Framing.At(_x),
        _ => Framing.Center,
    };

    /// <summary>Where the crop window sits on the still, in percent of its width.</summary>
    private string WindowStyle
    {
        get
        {
            var profile = Options.Value.Profiles.GetValueOrDefault(_profile) ?? Options.Value.Profiles.Values.First();
            var crop = Framing.CropFor(_source.Width, _source.Height, profile.Width, profile.Height);
            return string.Create(CultureInfo.InvariantCulture, $"left:{100.0 * crop.Left / _source.Width:0.##}%;width:{100.0 * crop.Width / _source.Width:0.##}%");
        }
    }

    protected override async Task OnAccountReadyAsync()
    {
        _profile = Options.Value.DefaultProfile;
        try
        {
            var clip = await Exports.FindClipAsync(AccountId, ClipVodId, Lifetime);
            _source = (clip.Width ?? 16, clip.Height ?? 9);
            var jpeg = await Stills.GetAsync(AccountId, ClipVodId, Lifetime);
            _still = "data:image/jpeg;base64," + Convert.ToBase64String(jpeg);
        }
        catch (ExportException e)
        {
            _stillError = e.Message;
        }
    }

    private void PickAsync(MouseEventArgs e)
    {
        if (_framingKind == "x" && !Running)
        {
            // The still is drawn 360 px wide (see the .razor.css); OffsetX is relative to it because the window ignores the pointer.
            _x = Math.Round(Math.Clamp(e.OffsetX / 360.0, 0, 1), 2);
        }
    }

    private async Task ExportAsync()
    {
        if (Guard.Busy)
        {
            return;
        }

        (_error, _job, Result, _download) = (null, null, null, null);
        await Guard.RunAsync(AccountRole.Editor, async access =>
        {
            _jobId = await ExportJobs.ExportAsync(access.AccountId, ClipVodId, _profile, Framing.ToString(), _chat, access.Actor, Lifetime);
            _job = RecentJobs.FirstOrDefault(j => j.JobId == _jobId);
            if (_job is { Status: JobStatus.Succeeded })
            {
                await LoadResultAsync();
            }
        }, Lifetime);
    }

    protected override Task OnJobProgressAsync(JobUpdate update)
    {
        if (update.JobId == _jobId)
        {
            _job = update;
        }

        return Task.CompletedTask;
    }

    protected override async Task OnJobFinishedAsync(JobUpdate update)
    {
        if (update.JobId != _jobId)
        {
            return;
        }

        _job = update;
        if (update.Status == JobStatus.Succeeded)
        {
            await LoadResultAsync();
        }
    }

    private async Task LoadResultAsync()
    {
        Result = await Library.FindAsync(new ExportSpec(AccountId, ClipVodId, _profile, Framing, _chat), Lifetime);
        if (Result is not null)
        {
            _download = await BrowserMediaUrl.DownloadAsync(Storage, Result.StorageKey, DownloadName, StorageOptions.Value.ReadUrlLifetime, Lifetime);
        }
    }

    private void Close() => Dialog.Close(DialogResult.Ok(Result?.VodId));
}
