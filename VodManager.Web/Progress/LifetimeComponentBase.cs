using Microsoft.AspNetCore.Components;

namespace VodManager.Web.Progress;

/// <summary>A component whose loads and actions stop when it goes away: they pass on its <see cref="Lifetime"/> token.</summary>
public abstract class LifetimeComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();

    /// <summary>Cancelled when the component goes away (the page closed or the user navigated).</summary>
    protected CancellationToken Lifetime => _lifetime.Token;

    public void Dispose()
    {
        // Cancelled, not disposed: an action still finishing after the page closed may read the token.
        _lifetime.Cancel();
        OnDisposing();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the component holds besides its token.</summary>
    protected virtual void OnDisposing()
    {
    }
}
