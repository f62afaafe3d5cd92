using VodManager.Core.Streams;
using VodManager.Web.Components;
using VodManager.Web.Components.Streams;

namespace VodManager.Tests.Ui.Streams;

/// <summary>The stream form's start field shows minutes; what the stream keeps must not lose the seconds it had.</summary>
public sealed class StreamFormTests
{
    private static readonly DateTime Exact = new(2021, 3, 26, 0, 20, 35, 557, DateTimeKind.Utc);

    /// <summary>A browser that has not named its zone yet: the form is in UTC and says so.</summary>
    private static readonly EditorTimeZone Utc = new();

    private static EditorTimeZone Zone(string id)
    {
        var zone = new EditorTimeZone();
        zone.Use(id);
        return zone;
    }

    [Fact]
    public void A_start_left_as_the_files_gave_it_keeps_its_seconds()
    {
        var form = StreamForm.From(new StreamMetadata("liihs live", "LiiHS", Exact, 12_926), DateTime.UtcNow, Utc);

        Assert.Equal("2021-03-26T00:20", form.Started);
        Assert.Equal(Exact, form.ToDetails().StartedAt);
        // The field shows minutes; beneath it the editor reads what is kept.
        Assert.Equal("kept to the second: 00:20:35.557", form.StartedHelp);
    }

    [Fact]
    public void A_start_no_file_gave_is_assumed_until_the_editor_types_one_or_a_file_gives_it()
    {
        var opened = new DateTime(2026, 12, 6, 1, 39, 13, DateTimeKind.Utc);
        var form = StreamForm.From(new StreamMetadata("short", "LiiHS", null, 60), opened, Utc);

        Assert.Equal((opened, true), (form.ToDetails().StartedAt, form.ToDetails().StartAssumed));
        Assert.Equal("not known yet: the first chat or events file that says when the broadcast began sets it", form.StartedHelp);

        form.Started = "2021-03-26T00:20";
        Assert.False(form.ToDetails().StartAssumed);
        Assert.Null(form.StartedHelp);

        var filled = StreamForm.From(new StreamMetadata("short", "LiiHS", null, 60), opened, Utc).StartingAt(Exact);
        Assert.Equal((Exact, false), (filled.ToDetails().StartedAt, filled.ToDetails().StartAssumed));
    }

    [Fact]
    public void Renaming_a_stream_leaves_its_start_to_the_second()
    {
        var form = StreamForm.From(new StreamMetadata("old", "LiiHS", Exact, null), DateTime.UtcNow, Utc);
        form.Title = "new title";

        Assert.Equal(("new title", Exact), (form.ToDetails().Title, form.ToDetails().StartedAt));
    }

    [Fact]
    public void A_start_the_editor_changed_is_the_minute_they_typed()
    {
        var form = StreamForm.From(new StreamMetadata("t", "c", Exact, null), DateTime.UtcNow, Utc);
        form.Started = "2021-03-26T00:19";

        Assert.Equal(new DateTime(2021, 3, 26, 0, 19, 0, DateTimeKind.Utc), form.ToDetails().StartedAt);
        Assert.Null(form.StartedHelp);

        // Typed back to the minute it showed, it is as if left alone: the seconds stay.
        form.Started = "2021-03-26T00:20";
        Assert.Equal(Exact, form.ToDetails().StartedAt);
    }

    [Fact]
    public void The_start_is_shown_and_read_in_the_editors_zone()
    {
        var losAngeles = Zone("America/Los_Angeles");
        var form = StreamForm.From(new StreamMetadata("t", "c", Exact, null), DateTime.UtcNow, losAngeles);

        // 00:20 UTC on 26 March 2021 is 17:20 the day before in Los Angeles (PDT, UTC-7).
        Assert.Equal(("2021-03-25T17:20", "America/Los_Angeles"), (form.Started, form.StartedZone));
        Assert.Equal("kept to the second: 17:20:35.557", form.StartedHelp);
        Assert.Equal(Exact, form.ToDetails().StartedAt);

        form.Started = "2021-03-25T20:00";
        Assert.Equal(new DateTime(2021, 3, 26, 3, 0, 0, DateTimeKind.Utc), form.ToDetails().StartedAt);
        Assert.Equal("UTC", StreamForm.From(StreamMetadata.Empty, Exact, Utc).StartedZone);
    }

    [Fact]
    public void A_start_the_clocks_skip_is_refused_naming_the_zone()
    {
        var form = StreamForm.From(new StreamMetadata("t", "c", Exact, null), DateTime.UtcNow, Zone("America/Los_Angeles"));
        form.Started = "2021-03-14T02:30"; // clocks went from 02:00 to 03:00 that night

        var error = Assert.Throws<StreamException>(() => form.ToDetails());

        Assert.Equal("2021-03-14 02:30 does not exist in America/Los_Angeles: the clocks went forward then. Give a time before or after.", error.Message);
    }

    [Fact]
    public void Dates_are_the_editors_wall_clock_and_say_UTC_until_the_zone_is_known()
    {
        var at = new DateTime(2026, 12, 4, 4, 17, 0, DateTimeKind.Utc);

        Assert.Equal("2026-12-04 04:17 UTC", Utc.Date(at));
        Assert.Equal("2026-12-03 20:17", Zone("America/Los_Angeles").Date(at));
        Assert.Equal("2026-12-04 05:17", Zone("Europe/Berlin").Date(at));
        var unknown = new EditorTimeZone();
        unknown.Use("Mars/Olympus_Mons");
        Assert.Equal(("2026-12-04 04:17 UTC", false), (unknown.Date(at), unknown.Known));
    }
}
