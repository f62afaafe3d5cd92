namespace VodManager.Core.Jobs;

/// <summary>One job kind: its request type and how to run it with a handler from a service provider.</summary>
public sealed record JobRegistration(string Kind, Type RequestType, Func<IServiceProvider, JobRequest, JobContext, CancellationToken, Task> Run);
