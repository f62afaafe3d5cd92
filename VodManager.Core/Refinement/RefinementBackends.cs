namespace VodManager.Core.Refinement;

/// <summary>The registered backends by name; an unknown name is refused with the names that exist.</summary>
public sealed class RefinementBackends(IEnumerable<IRefinementBackend> backends)
{
    private readonly Dictionary<string, IRefinementBackend> _byName = backends.ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public IEnumerable<IRefinementBackend> All => _byName.Values;

    public IRefinementBackend Get(string name) =>
        _byName.TryGetValue(name.Trim(), out var backend)
            ? backend
            : throw new RefinementException($"'{name}' is not a refinement backend; use one of {string.Join(", ", _byName.Keys.Order())}.");
}
