namespace VodManager.Core.Storage;

/// <summary>The base address the web host listens on, learned at start-up; null in CLI runs with no web server.</summary>
public sealed class ServerAddress
{
    public Uri? BaseUri { get; set; }
}
