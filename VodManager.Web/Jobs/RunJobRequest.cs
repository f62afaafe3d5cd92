using Quartz;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

/// <summary>
/// The one Quartz job: it carries a serialized <see cref="JobRequest"/> and hands it to <see cref="JobExecutor"/>.
/// Requests recovery, so a job cut off by a crash runs again after restart (its handler must be idempotent).
/// </summary>
public sealed class RunJobRequest(JobRegistry registry, JobExecutor executor) : IJob
{
    public const string JobIdKey = "jobId";
    public const string KindKey = "kind";
    public const string PayloadKey = "payload";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var jobId = Guid.Parse(data.GetString(JobIdKey)!);
        var request = registry.Deserialize(data.GetString(KindKey)!, data.GetString(PayloadKey)!);
        await executor.ExecuteAsync(jobId, request, context.Recovering, cancellationToken);
    }
}
