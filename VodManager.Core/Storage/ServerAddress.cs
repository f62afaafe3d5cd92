namespace VodManager.Core.Storage;

/// <summary>
/// The base address the web host listens on, asked for when needed (the bound port of ":0" is only known after the
/// server started); null in CLI runs with no web server.
/// </summary>
public sealed class ServerAddress
{
    public Func<Uri?> Resolve { get; set; } = () => null;

    public Uri? BaseUri => Resolve();
}
