using Microsoft.Extensions.Configuration;

namespace VodManager.Core;

public static class ConfigurationBinding
{
    /// <summary>Binds a section read at registration time; a value of the wrong type becomes a <see cref="ConfigurationException"/> naming the setting.</summary>
    public static T Read<T>(this IConfiguration configuration, string section) where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            var setting = e.Message.Split('\'').Skip(3).FirstOrDefault() ?? section;
            throw new ConfigurationException(setting, e.InnerException?.Message ?? e.Message);
        }
    }
}
