using Microsoft.JSInterop;

namespace VodManager.Web.Components;

/// <summary>Letting go of a component's colocated script when the component goes away.</summary>
internal static class ScriptHandles
{
    /// <summary>
    /// Calls <paramref name="release"/> on <paramref name="handle"/> (when given), then drops the handle and the
    /// module. A circuit that is already gone took the page, and the script with it, so there is nothing to drop.
    /// </summary>
    public static async ValueTask DropAsync(IJSObjectReference? handle, IJSObjectReference? module, string? release = null)
    {
        try
        {
            if (handle is not null)
            {
                if (release is not null)
                {
                    await handle.InvokeVoidAsync(release);
                }

                await handle.DisposeAsync();
            }

            if (module is not null)
            {
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
