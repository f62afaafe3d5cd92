using VodManager.Core;
using VodManager.Core.Export;

namespace VodManager.Web.Components.Library;

/// <summary>How a clip's deletion names what goes with it: whatever was exported from a clip is deleted with it.</summary>
public static class ClipExports
{
    /// <summary>"" or " and its 2 exports (14.2 MB)", to follow the clip's own name.</summary>
    public static string AndTheirs(IReadOnlyCollection<ExportEntry> exports) => exports.Count == 0
        ? ""
        : $" and its {(exports.Count == 1 ? "export" : $"{exports.Count} exports")} ({ByteSize.Format(exports.Sum(e => e.SizeBytes))})";
}
