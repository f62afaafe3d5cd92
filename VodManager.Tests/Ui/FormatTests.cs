using VodManager.Web.Components;

namespace VodManager.Tests.Ui;

/// <summary>Download names from clip titles: what the editor typed, with look-alikes for what a Windows file name cannot hold.</summary>
public sealed class FormatTests
{
    [Theory]
    [InlineData("The 1v5 clutch: Demo?", ".mp4", "The 1v5 clutch： Demo？.mp4")]
    [InlineData("a/b\\c<d>e|f*g\"h", ".mp4", "a⧸b⧹c＜d＞e｜f＊g＂h.mp4")]
    [InlineData("tab\there\n", ".mp4", "tabhere.mp4")]
    [InlineData("GG. wp...", " (tiktok).mp4", "GG. wp (tiktok).mp4")]
    [InlineData("Insane clutch ✨", ".mkv", "Insane clutch ✨.mkv")]
    [InlineData(" ... ", ".mp4", "clip.mp4")]
    public void A_title_becomes_a_file_name_any_computer_keeps(string title, string extension, string expected) =>
        Assert.Equal(expected, Format.FileName(title, extension));
}
