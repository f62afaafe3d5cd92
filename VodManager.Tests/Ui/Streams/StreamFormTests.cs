using VodManager.Core.Streams;
using VodManager.Web.Components.Streams;

namespace VodManager.Tests.Ui.Streams;

/// <summary>The stream form's start field shows minutes; what the stream keeps must not lose the seconds it had.</summary>
public sealed class StreamFormTests
{
    private static readonly DateTime Exact = new(2021, 3, 26, 0, 20, 35, 557, DateTimeKind.Utc);

    [Fact]
    public void A_start_left_as_the_files_gave_it_keeps_its_seconds()
    {
        var form = StreamForm.From(new StreamMetadata("liihs live", "LiiHS", Exact, 12_926), DateTime.UtcNow);

        Assert.Equal("2021-03-26T00:20", form.Started);
        Assert.Equal(Exact, form.ToDetails().StartedAt);
        // The field shows minutes; beneath it the editor reads what is kept.
        Assert.Equal("kept to the second: 00:20:35.557", form.StartedExactly);
    }

    [Fact]
    public void Renaming_a_stream_leaves_its_start_to_the_second()
    {
        var form = StreamForm.From(new StreamMetadata("old", "LiiHS", Exact, null), DateTime.UtcNow);
        form.Title = "new title";

        Assert.Equal(("new title", Exact), (form.ToDetails().Title, form.ToDetails().StartedAt));
    }

    [Fact]
    public void A_start_the_editor_changed_is_the_minute_they_typed()
    {
        var form = StreamForm.From(new StreamMetadata("t", "c", Exact, null), DateTime.UtcNow);
        form.Started = "2021-03-26T00:19";

        Assert.Equal(new DateTime(2021, 3, 26, 0, 19, 0, DateTimeKind.Utc), form.ToDetails().StartedAt);
        Assert.Null(form.StartedExactly);

        // Typed back to the minute it showed, it is as if left alone: the seconds stay.
        form.Started = "2021-03-26T00:20";
        Assert.Equal(Exact, form.ToDetails().StartedAt);
    }
}
