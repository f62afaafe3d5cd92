using Microsoft.Extensions.Configuration;
using VodManager.Core;
using VodManager.Core.Export;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Export;

public sealed class ExportOptionsTests
{
    [Fact]
    public void The_shipped_profiles_are_valid()
    {
        var options = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json")).Build()
            .GetSection(ExportOptions.Section).Get<ExportOptions>()!;

        Assert.Empty(SettingsValidation.Failures(options));
        Assert.Equal(["draft-720x1280", "shorts-1080x1920"], options.Profiles.Keys.Order());
        Assert.Equal((1080, 1920, "libx264"), (options.Profiles["shorts-1080x1920"].Width, options.Profiles["shorts-1080x1920"].Height, options.Profiles["shorts-1080x1920"].VideoCodec));
    }

    [Fact]
    public void A_bad_profile_is_reported_with_its_setting_path()
    {
        var options = new ExportOptions
        {
            DefaultProfile = "missing",
            Profiles = { ["Bad Name"] = new ExportProfile { Width = 721, Height = 1280, VideoCodec = "vp9" } },
        };

        var failures = string.Join("\n", SettingsValidation.Failures(options).Select(f => f.ErrorMessage));

        Assert.Contains("Export:Profiles:Bad Name: a profile name is", failures);
        Assert.Contains("Export:Profiles:Bad Name:VideoCodec: VideoCodec must be libx264", failures);
        Assert.Contains("Width and Height must be even (721x1280)", failures);
        Assert.Contains("Export:DefaultProfile 'missing' is not one of the profiles", failures);
    }

    [Fact]
    public void Filter_arguments_survive_both_escaping_levels()
    {
        Assert.Equal(@"/tmp/a\\:b\\\\c\\\'d\,e\[f\]", Core.Media.FfmpegArguments.FilterArgument(@"/tmp/a:b\c'd,e[f]"));
    }
}
