using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace VodManager.Web.Hosting;

public static class RootConfiguration
{
    public const string FileName = "appsettings.json";

    /// <summary>
    /// Puts the repository's one appsettings.json (copied next to the binaries) first among the sources, so
    /// environment variables and the command line still override it.
    /// </summary>
    public static void AddRootAppSettings(this IConfigurationBuilder configuration)
    {
        if (configuration is not IConfigurationManager manager)
        {
            throw new InvalidOperationException("Expected the host's configuration manager.");
        }

        var source = new JsonConfigurationSource
        {
            Path = FileName,
            Optional = false,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        manager.Sources.Insert(0, source);
    }
}
