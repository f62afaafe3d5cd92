using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using VodManager.Core;

namespace VodManager.Web.Components.Import;

/// <summary>A browser upload running in this tab, as the upload script reports it.</summary>
public sealed record TabUpload(int StreamId, string FileName, long Sent, long Length)
{
    public double Percent => Length > 0 ? Math.Min(100, 100.0 * Sent / Length) : 0;

    public string Progress => $"{ByteSize.Format(Sent)} of {ByteSize.Format(Length)}";
}

/// <summary>
/// Follows every upload running in this tab, whichever panel started it: a new-stream dialog closed mid-upload leaves
/// its video going up, and the streams list shows it on the stream's row. Renders nothing.
/// </summary>
public sealed class TabUploads : ComponentBase, IAsyncDisposable
{
    private IJSObjectReference? _module;
    private IJSObjectReference? _watch;
    private DotNetObjectReference<TabUploads>? _self;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The running uploads changed: one started, moved on or ended.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<TabUpload>> Changed { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", VideoUploader.ModulePath);
            _self = DotNetObjectReference.Create(this);
            _watch = await _module.InvokeAsync<IJSObjectReference>("watch", _self);
        }
    }

    [JSInvokable]
    public Task OnTabUploads(TabUpload[] running) => Changed.InvokeAsync(running);

    public async ValueTask DisposeAsync()
    {
        await ScriptHandles.DropAsync(_watch, _module, release: "dispose");
        _self?.Dispose();
    }
}
