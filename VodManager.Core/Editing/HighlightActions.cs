namespace VodManager.Core.Editing;

/// <summary>The <c>HighlightActivity.Action</c> names the editor writes.</summary>
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
}
