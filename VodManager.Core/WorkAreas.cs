using Microsoft.Extensions.Options;
using VodManager.Core.Cutting;
using VodManager.Core.Export;
using VodManager.Core.Nodes;
using VodManager.Core.Refinement;

namespace VodManager.Core;

/// <summary>The work areas of this node, each resolved from its setting in one place.</summary>
public sealed class WorkAreas(
    DataPaths paths,
    LocalNode node,
    IOptions<CuttingOptions> cutting,
    IOptions<ExportOptions> export,
    IOptions<RefinementOptions> refinement)
{
    /// <summary>Cut outputs before they are stored (Cutting:TempFolder).</summary>
    public WorkArea Cuts => Area("cuts", cutting.Value.TempFolder);

    /// <summary>Export work files and stills (Export:TempFolder).</summary>
    public WorkArea Exports => Area("exports", export.Value.TempFolder);

    /// <summary>Refinement's extracted window audio (Refinement:TempFolder).</summary>
    public WorkArea Refine => Area("refine", refinement.Value.TempFolder);

    /// <summary>Chat, events and transcript files received by this node until their job is queued.</summary>
    public WorkArea Uploads => Area("uploads", null);

    /// <summary>Imported videos being rewritten (as MP4, or an unfinished recording in its own container) before they are stored (<see cref="Ingest.Video.ContainerRewrap"/>).</summary>
    public WorkArea Rewraps => Area("rewrap", null);

    private WorkArea Area(string kind, string? configured)
    {
        var root = paths.WorkRoot(kind, configured);
        return new WorkArea(root, node.FolderIn(root), cutting.Value.MinFreeDiskBytes);
    }
}
