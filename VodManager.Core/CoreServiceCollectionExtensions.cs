using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VodManager.Core.Accounts;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Detection;
using VodManager.Core.Editing;
using VodManager.Core.Events;
using VodManager.Core.Export;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Uploads;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Nodes;
using VodManager.Core.Quota;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;
using VodManager.Core.Streams;

namespace VodManager.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Everything Core needs, bound from configuration: data, storage, media, quota, jobs, ingest, demo.</summary>
    public static IServiceCollection AddVodManagerCore(this IServiceCollection services, IConfiguration configuration)
    {
        RenamedSettings.Check(configuration);
        services.AddSettings<VodManagerOptions>(configuration, VodManagerOptions.Section);
        services.AddSettings<StorageOptions>(configuration, StorageOptions.Section);
        services.AddSettings<MediaOptions>(configuration, MediaOptions.Section);
        services.AddSettings<QuotaOptions>(configuration, QuotaOptions.Section);
        services.AddSettings<DetectionOptions>(configuration, DetectionOptions.Section);
        services.AddSettings<IngestOptions>(configuration, IngestOptions.Section);
        services.AddSettings<EditorOptions>(configuration, EditorOptions.Section);
        services.AddSettings<VideoImportOptions>(configuration, VideoImportOptions.Section);
        services.AddSettings<ProgressOptions>(configuration, ProgressOptions.Section);
        services.AddSettings<JobCancellationOptions>(configuration, JobCancellationOptions.Section);
        services.AddSettings<NodeOptions>(configuration, NodeOptions.Section);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DataPaths(sp.GetRequiredService<IOptions<VodManagerOptions>>().Value.DataFolder));

        services.AddVodManagerData(configuration);
        services.AddSingleton<LocalNode>();
        services.AddSingleton<WorkAreas>();
        services.AddSingleton<NodeLeases>();
        services.AddSingleton<NodeClock>();
        services.AddHostedService<NodeHeartbeat>(); // after the web host's start-up tasks (migration), before the scheduler
        AddStorage(services, configuration);
        services.AddAccounts(configuration);

        services.AddSingleton<FfmpegOptionsProvider>();
        services.AddSingleton<FfmpegRunner>();
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<VodInputs>();
        services.AddSingleton<FfprobeRunner>();
        services.AddSingleton<KeyframeReader>();
        services.AddSingleton<LoudnessAnalyzer>();
        services.AddSingleton<MediaIndexService>();

        services.AddSingleton<VodPins>();
        services.AddSingleton<QuotaService>();

        AddProgressBus(services, configuration);
        services.AddSingleton<JobTracker>();
        services.AddSingleton<InterruptedJobs>();
        services.AddSingleton<JobCancellation>();
        services.AddSingleton<JobHistory>();
        services.AddSingleton<JobRegistry>();
        services.AddSingleton<JobExecutor>();

        services.AddClipCutting(configuration);
        services.AddSocialExport(configuration);

        services.AddSingleton<StreamCatalog>();
        services.AddSingleton<StreamManager>();
        services.AddSingleton<NewStreamService>();
        services.AddSingleton<VideoImportService>();
        services.AddSingleton<ChatLogParser>();
        services.AddSingleton<EventLogParser>();
        services.AddSingleton<TranscriptParser>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<ChatShift>();
        services.AddSingleton<ImportJobs>();
        services.AddSingleton<DataUploadStaging>();
        services.AddSingleton<ImportedRowsPurge>();
        services.AddSingleton<IngestRecoverySweep>();
        services.AddSingleton<HighlightScorer>();
        services.AddSingleton<FileAnalyzer>();
        services.AddSingleton<StreamSignalLoader>();
        services.AddSingleton<DetectionService>();
        services.AddSingleton<SignalCurveService>();
        services.AddSingleton<DetectionJobs>();
        services.AddSingleton<ChannelLearning>();
        services.AddDomainEventHandler<HighlightDecidedEvent, ChannelRefitTrigger>();
        services.AddDomainEventHandler<VodArchivedEvent, ChannelRefitTrigger>();
        services.AddDomainEventHandler<VodArchivedEvent, DetectOnSourceVideo>();
        services.AddSingleton<ImportPathGuard>();
        services.AddSingleton<VideoValidator>();
        services.AddSingleton<ContainerRewrap>();
        services.AddSingleton<UrlDownloader>();
        services.AddSingleton<DownloadCheckpoints>();
        services.AddSingleton<VideoImportRecoverySweep>();
        services.AddSingleton<VideoUploadService>();
        services.AddSingleton(sp => IUploadStaging.For(sp.GetRequiredService<IVodStorage>(), sp));
        services.AddSingleton<HighlightEditor>();
        services.AddSingleton<HighlightQueries>();
        services.AddSingleton<StreamTimelineService>();
        services.AddSingleton<ChatReplay>();
        services.AddSingleton<ClipLibrary>();
        services.AddRefinement(configuration);
        return services;
    }

    private static void AddProgressBus(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ProgressBus>();
        services.AddSingleton<JobTableProgress>();
        if (!configuration.Read<ProgressOptions>(ProgressOptions.Section).UsesRedis)
        {
            services.AddSingleton<IProgressBus>(sp => sp.GetRequiredService<ProgressBus>());
            return;
        }

        services.AddSingleton<RedisProgressBus>();
        services.AddSingleton<IProgressBus>(sp => sp.GetRequiredService<RedisProgressBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisProgressBus>());
    }

    private static void AddStorage(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.Read<StorageOptions>(StorageOptions.Section);
        services.AddSingleton<ServerAddress>();
        services.AddSingleton<MediaUrlSigner>();
        switch (options.Provider)
        {
            case StorageProvider.LocalDisk:
                services.AddSingleton<IVodStorage, LocalDiskStorage>();
                break;
            case StorageProvider.AzureBlob:
                services.AddSingleton<IVodStorage, AzureBlobStorage>();
                break;
            default:
                throw new ConfigurationException($"{StorageOptions.Section}:Provider", $"'{options.Provider}' is not a known provider; use LocalDisk or AzureBlob.");
        }
    }
}
