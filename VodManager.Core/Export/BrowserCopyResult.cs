namespace VodManager.Core.Export;

/// <param name="AlreadyMade">The source had its copy already (a repeat, or another job made it meanwhile).</param>
public sealed record BrowserCopyResult(int VodId, bool AlreadyMade, long Bytes, int? Width, int? Height)
{
    public string Summary => $"{(AlreadyMade ? "already made" : "made")}: VOD {VodId}, {Width}x{Height}, {ByteSize.Format(Bytes)}";
}
