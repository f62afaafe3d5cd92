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
