using System.Runtime.InteropServices;

namespace VodManager.Web.Hosting.Cli;

/// <summary>
/// Turns the first Ctrl+C or SIGTERM into a cancellation, so the running job stops and cleans up and the verb exits
/// with the shell's code for the signal (130, 143). A second signal ends the process at once.
/// </summary>
public sealed class CliInterruption : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private CliSignal? _signal;

    public CliInterruption()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Interrupt(context, new CliSignal("SIGINT", 130))),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Interrupt(context, new CliSignal("SIGTERM", 143))),
        ];
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>The signal that cancelled the verb, if one did.</summary>
    public CliSignal? Signal => _signal;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void Interrupt(PosixSignalContext context, CliSignal signal)
    {
        if (Interlocked.CompareExchange(ref _signal, signal, null) is not null)
        {
            return;
        }

        context.Cancel = true;
        _cancellation.Cancel();
    }
}
