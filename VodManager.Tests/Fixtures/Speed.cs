namespace VodManager.Tests.Fixtures;

/// <summary>
/// The fast/slow split: a class or test marked <c>[Trait(Speed.Name, Speed.Slow)]</c> (Playwright, several app
/// processes or nodes, crash and failover proofs, PostgreSQL variants, long media or data) is left out by <c>./scripts/test.sh --fast</c>;
/// CI runs everything. A base class's mark holds for its nested engine subclasses.
/// </summary>
public static class Speed
{
    public const string Name = "Speed";

    public const string Slow = "Slow";

    /// <summary>Whether <paramref name="type"/> or a class it derives from carries the slow mark.</summary>
    public static bool IsSlow(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (HasSlowMark(t))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasSlowMark(Type type) =>
        type.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute)
            && a.ConstructorArguments is [{ Value: Name }, { Value: Slow }]);
}
