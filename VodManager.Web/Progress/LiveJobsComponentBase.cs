using Microsoft.AspNetCore.Components;
using VodManager.Core.Jobs;
using VodManager.Web.Accounts;

namespace VodManager.Web.Progress;

/// <summary>
/// A component that follows the account's jobs live. It subscribes to the progress bus, ignores other accounts,
/// and re-renders on the circuit's dispatcher at most every 150 ms (a finished job re-renders at once), so a
/// chatty ffmpeg cannot flood the circuit.
/// </summary>
public abstract class LiveJobsComponentBase : ComponentBase, IDisposable
{
    private static readonly TimeSpan MinRenderInterval = TimeSpan.FromMilliseconds(150);
    private IDisposable? _subscription;
    private DateTime _lastRender;
    private int _flushScheduled;

    [Inject]
    protected IProgressBus Bus { get; set; } = default!;

    [Inject]
    protected CurrentAccount Account { get; set; } = default!;

    protected int AccountId { get; private set; }

    /// <summary>The account's recent jobs, newest first.</summary>
    protected IReadOnlyList<JobUpdate> RecentJobs => AccountId == 0 ? [] : Bus.Recent(AccountId);

    protected override async Task OnInitializedAsync()
    {
        AccountId = await Account.GetIdAsync(CancellationToken.None);
        _subscription = Bus.Subscribe(OnUpdateAsync);
        await OnAccountReadyAsync();
    }

    /// <summary>Loads whatever the component shows, once the account is known.</summary>
    protected virtual Task OnAccountReadyAsync() => Task.CompletedTask;

    /// <summary>Called on the circuit's dispatcher for each finished job of the account (reload rows here).</summary>
    protected virtual Task OnJobFinishedAsync(JobUpdate update) => Task.CompletedTask;

    /// <summary>Called on the circuit's dispatcher for a running job's progress, at most as often as the component renders.</summary>
    protected virtual Task OnJobProgressAsync(JobUpdate update) => Task.CompletedTask;

    /// <summary>Releases what the component holds besides its subscription.</summary>
    protected virtual void OnDisposing()
    {
    }

    private async Task OnUpdateAsync(JobUpdate update)
    {
        if (update.AccountId != AccountId)
        {
            return;
        }

        try
        {
            if (update.IsFinished)
            {
                await InvokeAsync(async () =>
                {
                    await OnJobFinishedAsync(update);
                    Render();
                });
                return;
            }

            if (DateTime.UtcNow - _lastRender >= MinRenderInterval)
            {
                await InvokeAsync(async () =>
                {
                    await OnJobProgressAsync(update);
                    Render();
                });
            }
            else if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
            {
                _ = FlushLaterAsync(); // not awaited: the bus delivers this circuit's next update meanwhile
            }
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    private async Task FlushLaterAsync()
    {
        try
        {
            await Task.Delay(MinRenderInterval);
            Interlocked.Exchange(ref _flushScheduled, 0);
            await InvokeAsync(Render);
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    private void Render()
    {
        _lastRender = DateTime.UtcNow;
        StateHasChanged();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        OnDisposing();
        GC.SuppressFinalize(this);
    }
}
