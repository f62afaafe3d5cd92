using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace VodManager.Web.Hosting;

public static class RootConfiguration
{
    public const string FileName = "appsettings.json";

    /// <summary>
    /// Puts the repository's one appsettings.json (copied next to the binaries) first among the sources, so
    /// environment variables (ASPNETCORE_URLS too) and the command line still override it. The host's own
    /// appsettings.json from the content root (the working directory) is dropped: it is this file again, or a
    /// stranger's, and coming later it would override ASPNETCORE_URLS with our Urls.
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
        foreach (var own in manager.Sources.OfType<JsonConfigurationSource>().Where(s => s.Path == FileName).ToList())
        {
            manager.Sources.Remove(own);
        }

        manager.Sources.Insert(0, source);
    }
}
