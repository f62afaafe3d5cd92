namespace VodManager.Core.Refinement;

/// <summary>The registered backends by name; an unknown name is refused with the names that exist.</summary>
public sealed class RefinementBackends(IEnumerable<IRefinementBackend> backends)
{
    private readonly Dictionary<string, IRefinementBackend> _byName = backends.ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public IEnumerable<IRefinementBackend> All => _byName.Values;

    public IRefinementBackend Get(string name) =>
        Find(name) ?? throw new RefinementException($"'{name}' is not a refinement backend; use one of {string.Join(", ", _byName.Keys.Order())}.");

    /// <summary>The backend of that name, or null when none has it (an account's choice of a backend since removed).</summary>
    public IRefinementBackend? Find(string name) => _byName.GetValueOrDefault(name.Trim());
}
