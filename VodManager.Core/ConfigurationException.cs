namespace VodManager.Core;

/// <summary>Start-up refused because of a setting; the message names the setting and what is wrong with it.</summary>
public sealed class ConfigurationException(string setting, string problem)
    : Exception($"Configuration error in '{setting}': {problem}")
{
    public string Setting { get; } = setting;
}
