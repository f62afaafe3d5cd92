namespace VodManager.Testing;

/// <summary>Test settings ("Section:Key" → value, or environment variables) layered over a fixture's defaults.</summary>
public static class SettingsMerge
{
    /// <summary>Sets every entry of <paramref name="more"/> on <paramref name="settings"/> (a later value wins) and returns it.</summary>
    public static Dictionary<string, TValue> Merge<TValue>(this Dictionary<string, TValue> settings, IEnumerable<KeyValuePair<string, TValue>>? more)
    {
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }
}
