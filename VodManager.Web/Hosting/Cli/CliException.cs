namespace VodManager.Web.Hosting.Cli;

/// <summary>A verb cannot do what was asked; printed as one line on stderr with exit code 1.</summary>
public sealed class CliException(string message) : Exception(message);
