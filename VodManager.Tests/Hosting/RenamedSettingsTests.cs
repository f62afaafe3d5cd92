using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core;

namespace VodManager.Tests.Hosting;

public sealed class RenamedSettingsTests
{
    [Theory]
    [InlineData("Import:MaxUploadBytes", "Import:MaxVideoUploadBytes")]
    [InlineData("Editor:MaxUploadBytes", "Editor:MaxDataUploadBytes")]
    public void An_old_setting_name_stops_start_up_naming_the_new_one(string old, string renamed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [old] = "1000000" }).Build();

        var error = Assert.Throws<ConfigurationException>(() => new ServiceCollection().AddVodManagerCore(configuration));

        Assert.Equal(old, error.Setting);
        Assert.Contains(renamed, error.Message);
    }

    [Fact]
    public void The_shipped_settings_use_the_new_names()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json")).Build();

        RenamedSettings.Check(configuration);
        Assert.NotNull(configuration["Import:MaxVideoUploadBytes"]);
        Assert.NotNull(configuration["Editor:MaxDataUploadBytes"]);
    }
}
