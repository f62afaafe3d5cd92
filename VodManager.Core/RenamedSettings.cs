using Microsoft.Extensions.Configuration;
using VodManager.Core.Editing;
using VodManager.Core.Ingest;

namespace VodManager.Core;

/// <summary>
/// Settings that were renamed: the old name stops start-up with an error naming the new one. Read quietly, it would
/// bind to nothing and leave the limit at its default without a word.
/// </summary>
public static class RenamedSettings
{
    private static readonly (string Old, string New)[] Renames =
    [
        ($"{VideoImportOptions.Section}:MaxUploadBytes", $"{VideoImportOptions.Section}:{nameof(VideoImportOptions.MaxVideoUploadBytes)}"),
        ($"{EditorOptions.Section}:MaxUploadBytes", $"{EditorOptions.Section}:{nameof(EditorOptions.MaxDataUploadBytes)}"),
    ];

    public static void Check(IConfiguration configuration)
    {
        foreach (var (old, renamed) in Renames)
        {
            if (configuration[old] is not null)
            {
                throw new ConfigurationException(old, $"this setting is now called {renamed} (it limits only that kind of upload); rename it in appsettings.json or wherever it is set.");
            }
        }
    }
}
