using Microsoft.AspNetCore.Components;
using VodManager.Core.Jobs;
using VodManager.Web.Accounts;

namespace VodManager.Web.Progress;

/// <summary>
/// A component that follows the account's jobs, and editors' changes by hand, live. It subscribes to the progress bus
/// for its account only, and re-renders on the circuit's dispatcher at most every 150 ms (a finished job re-renders at once), so a
/// chatty ffmpeg cannot flood the circuit. Before it shows anything new it checks that the user still belongs to the
/// account, so a removed member's open editor stops receiving at once.
/// </summary>
public abstract class LiveJobsComponentBase : LifetimeComponentBase
{
    private static readonly TimeSpan MinRenderInterval = TimeSpan.FromMilliseconds(150);
    private IDisposable? _subscription;
    private IDisposable? _changes;
    private long _lastRender;
    private int _flushScheduled;

    [Inject]
    protected IProgressBus Bus { get; set; } = default!;

    [Inject]
    protected CurrentAccount Account { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    protected int AccountId => Access?.AccountId ?? 0;

    /// <summary>The user's standing in the account when the component loaded; null when they have none (nothing is shown).</summary>
    protected AccountAccess? Access { get; private set; }

    /// <summary>Whether to offer changes; the server checks the role again on each action (<see cref="CurrentAccount.RequireAsync"/>).</summary>
    protected bool CanEdit => Access?.CanEdit == true;

    /// <summary>False while other nodes' jobs are followed through the job table (Redis is unreachable): a little behind.</summary>
    protected bool LiveProgress => Bus.IsLive;

    /// <summary>The account's recent jobs, newest first.</summary>
    protected IReadOnlyList<JobUpdate> RecentJobs => AccountId == 0 ? [] : Bus.Recent(AccountId);

    protected override async Task OnInitializedAsync()
    {
        Access = await Account.FindAsync(Lifetime);
        if (Access is null || Lifetime.IsCancellationRequested)
        {
            // Gone while the account was read (the tab closed as the page started): a subscription made now would
            // never end, and every later update of the account would reach a component the renderer no longer has.
            return;
        }

        _subscription = Bus.Subscribe(AccountId, OnUpdateAsync);
        _changes = Bus.SubscribeChanges(AccountId, change => InvokeAsync(() => RenderIfMemberAsync(() => OnStreamChangedAsync(change))));
        Bus.LiveChanged += OnLiveChanged;
        await OnAccountReadyAsync();
    }

    /// <summary>Loads whatever the component shows, once the account is known.</summary>
    protected virtual Task OnAccountReadyAsync() => Task.CompletedTask;

    /// <summary>Called on the circuit's dispatcher for each finished job of the account (reload rows here).</summary>
    protected virtual Task OnJobFinishedAsync(JobUpdate update) => Task.CompletedTask;

    /// <summary>Called on the circuit's dispatcher when an editor (on any node, this circuit included) changed a stream by hand.</summary>
    protected virtual Task OnStreamChangedAsync(StreamChange change) => Task.CompletedTask;

    /// <summary>
    /// Called on the circuit's dispatcher when other nodes are heard live again after an outage: their changes by hand
    /// meanwhile never arrived (only jobs are read from the job table), so what they could have changed is read again.
    /// </summary>
    protected virtual Task OnLiveAgainAsync() => Task.CompletedTask;

    /// <summary>Called on the circuit's dispatcher for a running job's progress, at most as often as the component renders.</summary>
    protected virtual Task OnJobProgressAsync(JobUpdate update) => Task.CompletedTask;

    private async Task OnUpdateAsync(JobUpdate update)
    {
        try
        {
            if (update.IsFinished)
            {
                await InvokeAsync(() => RenderIfMemberAsync(() => OnJobFinishedAsync(update)));
                return;
            }

            if (Time.GetElapsedTime(_lastRender) >= MinRenderInterval)
            {
                await InvokeAsync(() => RenderIfMemberAsync(() => OnJobProgressAsync(update)));
            }
            else if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
            {
                _ = FlushLaterAsync(); // not awaited: the bus delivers this circuit's next update meanwhile
            }
        }
        catch (Exception e)
        {
            // An update racing the component's end has nowhere to show its failure: the renderer no longer knows it.
            if (!Lifetime.IsCancellationRequested)
            {
                await DispatchExceptionAsync(e);
            }
        }
    }

    private void OnLiveChanged() => _ = InvokeAsync(async () =>
    {
        try
        {
            await RenderIfMemberAsync(Bus.IsLive ? OnLiveAgainAsync : () => Task.CompletedTask);
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    });

    private async Task FlushLaterAsync()
    {
        try
        {
            await Task.Delay(MinRenderInterval);
            Interlocked.Exchange(ref _flushScheduled, 0);
            await InvokeAsync(() => RenderIfMemberAsync(() => Task.CompletedTask));
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    private async Task RenderIfMemberAsync(Func<Task> beforeRender)
    {
        if (Access is null || Lifetime.IsCancellationRequested)
        {
            return;
        }

        if (await Account.FindAsync(Lifetime) is null)
        {
            // Removed from the account: stop following it and show nothing more of it.
            _subscription?.Dispose();
            _changes?.Dispose();
            Access = null;
            StateHasChanged();
            return;
        }

        await beforeRender();
        Render();
    }

    private void Render()
    {
        _lastRender = Time.GetTimestamp();
        StateHasChanged();
    }

    // Sealed: the subscription must end whatever a page adds.
    protected sealed override void OnDisposing()
    {
        Bus.LiveChanged -= OnLiveChanged;
        _subscription?.Dispose();
        _changes?.Dispose();
    }
}
