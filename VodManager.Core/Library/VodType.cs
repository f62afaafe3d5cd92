namespace VodManager.Core.Library;

public enum VodType
{
    /// <summary>The full broadcast: the source clips are cut from.</summary>
    Archive = 0,

    /// <summary>A clip; see <see cref="VodProvenance"/>.</summary>
    Highlight = 1,

    /// <summary>A clip rendered for social platforms (vertical, captions burned in); <see cref="Vod.SourceVodId"/> is its clip.</summary>
    Export = 2,
}
