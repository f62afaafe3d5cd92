using VodManager.Core.Ingest.Video;
using VodManager.Core.Media;

namespace VodManager.Tests.Media;

/// <summary>Where a broadcast reconnected, as an HLS import finds it, stores it on the VOD and tells the editor.</summary>
public sealed class ReconnectsTests
{
    [Fact]
    public void Each_run_after_the_first_is_where_the_broadcast_reconnected_and_is_stored_and_read_back()
    {
        var read = new ReadFindings(MutedSound.None, "", [new JoinedRun(0, 100, 0, 3723.5), new JoinedRun(100, 50, 3723.5, 4076.5), new JoinedRun(150, 10, 7800, 30)]);

        Assert.Equal([3723.5, 7800], read.Reconnects.Seconds);
        Assert.Equal("3723.5,7800", read.Reconnects.Store());
        Assert.Equal(read.Reconnects.Seconds, Reconnects.Parse(read.Reconnects.Store()).Seconds);
        Assert.Empty(ReadFindings.None.Reconnects.Seconds);
        Assert.Null(Reconnects.None.Store());
        Assert.Empty(Reconnects.Parse(null).Seconds);
    }

    [Fact]
    public void The_note_says_where_and_what_it_means_for_the_chat_and_lists_the_first_three()
    {
        Assert.Equal("", Reconnects.None.Note());
        Assert.Equal(
            "; the broadcast reconnected at 1:02:03.5, 2:10:00.0 (its 3 parts joined on the playlist's timeline): Twitch's chat can run ahead of the video from there by as long as the stream was down (line it up from the chat beside the player)",
            new Reconnects([3723.5, 7800]).Note());
        Assert.Equal("0:10.0, 0:20.0, 0:30.0 and 2 more", new Reconnects([10, 20, 30, 40, 50]).List(shown: 3));
    }

    [Fact]
    public void A_stored_value_that_is_not_seconds_is_refused_naming_it()
    {
        var error = Assert.Throws<FormatException>(() => Reconnects.Parse("12,ab"));

        Assert.Equal("'ab' in '12,ab' is not a second of the video.", error.Message);
    }
}
