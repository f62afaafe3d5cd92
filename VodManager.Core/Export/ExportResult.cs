namespace VodManager.Core.Export;

/// <summary>What an export produced.</summary>
/// <param name="AlreadyExported">The same export existed: nothing was rendered.</param>
/// <param name="Notes">What the user should know about the result ("no captions: ...").</param>
public sealed record ExportResult(int VodId, bool AlreadyExported, bool Captioned, int CaptionCount, int ChatCount, IReadOnlyList<string> Notes)
{
    public string Summary => $"{(AlreadyExported ? "already exported as" : "exported as")} VOD {VodId}"
        + (Notes.Count > 0 ? "; " + string.Join("; ", Notes) : "");
}
