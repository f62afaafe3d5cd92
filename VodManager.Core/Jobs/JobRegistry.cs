using System.Text.Json;

namespace VodManager.Core.Jobs;

/// <summary>
/// Maps each request kind to its request type and handler, so requests can be stored as JSON and brought back
/// (and run) after a restart.
/// </summary>
public sealed class JobRegistry
{
    private readonly Dictionary<string, JobRegistration> _byKind = new(StringComparer.Ordinal);

    public JobRegistry(IEnumerable<JobRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            if (_byKind.TryGetValue(registration.Kind, out var existing) && existing.RequestType != registration.RequestType)
            {
                throw new InvalidOperationException($"Job kind '{registration.Kind}' is registered twice ({existing.RequestType.Name}, {registration.RequestType.Name}).");
            }

            _byKind[registration.Kind] = registration;
        }
    }

    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    public string Serialize(JobRequest request) => JsonSerializer.Serialize(request, request.GetType());

    public JobRequest Deserialize(string kind, string payload) =>
        (JobRequest)(JsonSerializer.Deserialize(payload, Get(kind).RequestType) ?? throw new InvalidOperationException($"Job payload for '{kind}' is empty."));

    internal JobRegistration Get(string kind) =>
        _byKind.TryGetValue(kind, out var registration) ? registration : throw new InvalidOperationException($"No job handler is registered for kind '{kind}'.");
}
