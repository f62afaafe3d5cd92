using VodManager.Core.Data.Entities;

namespace VodManager.Core.Library;

public enum VodType
{
    /// <summary>The full broadcast: the source clips are cut from.</summary>
    Archive = 0,

    /// <summary>A clip; see <see cref="VodProvenance"/>.</summary>
    Highlight = 1,

    /// <summary>A clip rendered for social platforms (vertical, captions burned in); <see cref="Vod.SourceVodId"/> is its clip.</summary>
    Export = 2,

    /// <summary>
    /// A small H.264 copy of an archive for browsers that cannot play the archive itself (HEVC without a hardware
    /// decoder, ProRes); only the editor's player uses it. <see cref="Vod.SourceVodId"/> is its archive.
    /// </summary>
    BrowserCopy = 3,
}

/// <summary>Groups of <see cref="VodType"/> that rules treat alike.</summary>
public static class VodTypes
{
    /// <summary>
    /// Rendered here from another VOD (<see cref="Vod.SourceVodId"/>): stored under the exports prefix, swept with the
    /// exports, and deleted with the VOD they were made from.
    /// </summary>
    public static readonly VodType[] Derived = [VodType.Export, VodType.BrowserCopy];
}
