namespace VodManager.Tests.Fixtures;

/// <summary>A fact that needs the Lightor data beside the repository; skipped (saying why) when it is not there.</summary>
public sealed class LightorFactAttribute : FactAttribute
{
    public LightorFactAttribute()
    {
        if (!Lightor.Present)
        {
            Skip = $"{Lightor.Root} is not beside the repository";
        }
    }
}
