using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VodManager.Core;

public static class ConfigurationBinding
{
    /// <summary>Binds an options class to its section and checks it on start (<see cref="SettingsValidation"/>): the one way settings are registered.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section) where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// Binds and checks a section read at registration time (the database and storage providers, the job store), so
    /// nothing is decided from a setting the start-up check would refuse; a bad value becomes a
    /// <see cref="ConfigurationException"/> naming the setting.
    /// </summary>
    public static T Read<T>(this IConfiguration configuration, string section) where T : new()
    {
        T settings;
        try
        {
            settings = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            var setting = e.Message.Split('\'').Skip(3).FirstOrDefault() ?? section;
            throw new ConfigurationException(setting, e.InnerException?.Message ?? e.Message);
        }

        var failures = SettingsValidation.Failures(settings!);
        if (failures.Count > 0)
        {
            throw new ConfigurationException(section, string.Join(" ", failures.Select(f => f.ErrorMessage)));
        }

        return settings;
    }
}
