using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace VodManager.Tests.Ui;

/// <summary>
/// The one bunit setup every UI test shares: MudBlazor's services, the system clock, JS interop that answers anything it was not told
/// about (components import their modules on first render), and xunit 2's async disposal forwarded to bunit.
/// </summary>
public abstract class UiTest : BunitContext, IAsyncLifetime
{
    protected UiTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<VodManager.Web.Components.EditorTimeZone>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
