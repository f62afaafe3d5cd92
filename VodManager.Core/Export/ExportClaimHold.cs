namespace VodManager.Core.Export;

/// <summary>
/// A held export or browser copy claim: renews its lease every third of the lease while the export runs, and cancels
/// <see cref="Lost"/> if a renewal finds the claim gone (the lease lapsed, e.g. the machine stalled, and another
/// process took over), so this one stops instead of writing alongside it. Disposing stops renewing and releases.
/// </summary>
internal sealed class ExportClaimHold : IAsyncDisposable
{
    private readonly ExportClaims _claims;
    private readonly int _accountId;
    private readonly string _externalId;
    private readonly string _token;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;

    public ExportClaimHold(ExportClaims claims, int accountId, string externalId, string token, TimeSpan lease)
    {
        (_claims, _accountId, _externalId, _token) = (claims, accountId, externalId, token);
        _renewing = RenewAsync(lease / 3);
    }

    public CancellationToken Lost => _lost.Token;

    private async Task RenewAsync(TimeSpan every)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, _stop.Token);
                if (!await _claims.RenewAsync(_accountId, _externalId, _token, _stop.Token))
                {
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the render is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        await _claims.ReleaseAsync(_accountId, _externalId, _token);
        _stop.Dispose();
        _lost.Dispose();
    }
}
