namespace VodManager.Core.Editing;

/// <summary>The <c>HighlightActivity.Action</c> names the editor and the cutter write.</summary>
public static class HighlightActions
{
    public const string Add = "add";
    public const string Trim = "trim";
    public const string ResetTrim = "trim-reset";
    public const string Dismiss = "dismiss";
    public const string Restore = "restore";
    public const string ClipDeleted = "clip-deleted";
    public const string ClipRenamed = "clip-renamed";
    public const string ClipReplaced = "clip-replaced";

    /// <summary>
    /// The clip was cut with every other highlight of the stream ("cut all"): nobody chose this one, so it is no
    /// decision for the channel's model (<see cref="Detection.ChannelLearning"/>) until an editor trims it or cuts it again.
    /// </summary>
    public const string ClipCutAll = "clip-cut-all";

    /// <summary>A smart cut failed its check and was redone as a precise cut.</summary>
    public const string SmartCutFallback = "smart-cut-fallback";
}
