using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Cutting;
using VodManager.Core.Detection;
using VodManager.Core.Export;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Refinement;

namespace VodManager.Core;

public static class JobHandlersServiceCollectionExtensions
{
    /// <summary>
    /// Every job kind the app runs, each handled by the feature's own service (registered by <c>AddVodManagerCore</c>).
    /// The web host and the CLI register the same set; the kind names are what the job store and the job table keep,
    /// so they never change.
    /// </summary>
    public static IServiceCollection AddJobHandlers(this IServiceCollection services)
    {
        services.AddJobHandler<ImportVideoRequest, ImportJobs>(ImportVideoRequest.JobKind);
        services.AddJobHandler<CutClipRequest, CutJobs>(CutClipRequest.JobKind);
        services.AddJobHandler<CutSelectedRequest, CutJobs>(CutSelectedRequest.JobKind);
        services.AddJobHandler<CutAllRequest, CutJobs>(CutAllRequest.JobKind);
        services.AddJobHandler<ImportFileRequest, ImportJobs>(ImportFileRequest.JobKind);
        services.AddJobHandler<DetectHighlightsRequest, DetectionJobs>(DetectHighlightsRequest.JobKind);
        services.AddJobHandler<RefitChannelModelRequest, DetectionJobs>(RefitChannelModelRequest.JobKind);
        services.AddJobHandler<ImportVideoUrlRequest, ImportJobs>(ImportVideoUrlRequest.JobKind);
        services.AddJobHandler<IndexMediaRequest, MediaIndexService>(IndexMediaRequest.JobKind);
        services.AddJobHandler<RefineRequest, Refiner>(RefineRequest.JobKind);
        services.AddJobHandler<ExportClipRequest, ExportJobs>(ExportClipRequest.JobKind);
        services.AddJobHandler<MakeBrowserCopyRequest, BrowserCopyJobs>(MakeBrowserCopyRequest.JobKind);
        return services;
    }
}
