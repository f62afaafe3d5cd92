namespace VodManager.Web.Hosting.Cli;

/// <summary>A signal that interrupted a verb, and the exit code a shell reports for it.</summary>
public sealed record CliSignal(string Name, int ExitCode);
