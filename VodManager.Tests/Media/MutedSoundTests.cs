using VodManager.Core.Cutting;
using VodManager.Core.Media;

namespace VodManager.Tests.Media;

/// <summary>The stretches a platform muted, as stored on a VOD and read back by refinement and the stream page.</summary>
public sealed class MutedSoundTests
{
    [Fact]
    public void Consecutive_muted_segments_are_one_stretch_and_are_stored_and_read_back()
    {
        var muted = MutedSound.Of([(48.5, 58.5), (4, 12), (12, 20.004), (58.5, 61)]);

        Assert.Equal([new ClipBounds(4, 20.004), new ClipBounds(48.5, 61)], muted.Stretches);
        Assert.Equal("4-20.004,48.5-61", muted.Store());
        Assert.Equal(muted.Stretches, MutedSound.Parse(muted.Store()).Stretches);
        Assert.Null(MutedSound.None.Store());
        Assert.Empty(MutedSound.Parse(null).Stretches);
    }

    [Fact]
    public void A_second_counts_as_muted_when_most_of_it_is()
    {
        var muted = MutedSound.Of([(4, 12.2)]);

        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11], Enumerable.Range(0, 20).Where(muted.Covers));
        Assert.Equal([new ClipBounds(4, 12.2)], muted.Within(11.5, 30));
        Assert.Empty(muted.Within(12.2, 30));
    }

    [Fact]
    public void The_note_sums_the_stretches_and_lists_five()
    {
        var muted = MutedSound.Of(Enumerable.Range(0, 7).Select(i => (i * 60.0, i * 60.0 + 10)));

        Assert.Equal("; Twitch muted the sound of 1:10.0 of it (0:00.0–0:10.0, 1:00.0–1:10.0, 2:00.0–2:10.0, 3:00.0–3:10.0, 4:00.0–4:10.0 and 2 more): those parts are silent", muted.Note());
        Assert.Equal("", MutedSound.None.Note());
    }

    [Fact]
    public void A_stored_value_that_is_not_stretches_is_refused_by_name()
    {
        var error = Assert.Throws<FormatException>(() => MutedSound.Parse("4-12,oops"));

        Assert.Contains("'oops' in '4-12,oops'", error.Message);
    }
}
