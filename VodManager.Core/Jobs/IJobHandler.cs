namespace VodManager.Core.Jobs;

/// <summary>Does the work of one kind of <see cref="JobRequest"/>: implemented by the feature's Core service. No scheduler types here.</summary>
public interface IJobHandler<in TRequest> where TRequest : JobRequest
{
    Task RunAsync(TRequest request, JobContext context, CancellationToken cancellationToken);
}
