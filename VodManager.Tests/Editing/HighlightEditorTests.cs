using Microsoft.EntityFrameworkCore;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Editing;

/// <summary>An editor's trims, dismissals and overrides on real SQLite and PostgreSQL databases: validated, scoped, recorded.</summary>
public abstract class HighlightEditorTests : IAsyncLifetime
{
    private CoreHost _host = default!;
    private Account _account = default!;
    private LiveStream _stream = default!;
    private IReadOnlyList<Highlight> _highlights = [];

    private HighlightEditor Editor => _host.Get<HighlightEditor>();

    protected abstract DatabaseEngine Engine { get; }

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync(await TestDatabase.SettingsAsync(Engine));
        (_account, _stream) = await _host.AddAccountWithStreamAsync();
        await using (var db = await _host.DbAsync())
        {
            await db.Streams.Where(s => s.Id == _stream.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DurationSeconds, 240.0));
        }

        _highlights = await EditorData.AddHighlightsAsync(_host.Services, _account.Id, _stream.Id);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Highlight> ReloadAsync(int id)
    {
        await using var db = await _host.DbAsync();
        return await db.Highlights.Include(h => h.Activity).SingleAsync(h => h.Id == id);
    }

    [Fact]
    public async Task Saving_a_trim_stores_the_bounds_and_records_who_and_when()
    {
        var highlight = _highlights[0];

        var outcome = await Editor.SaveTrimAsync(_account.Id, highlight.Id, 60.25, 70.5, null, "alice", CancellationToken.None);

        Assert.Equal(new TrimOutcome(60.25, 70.5, Clamped: false), outcome);
        var saved = await ReloadAsync(highlight.Id);
        Assert.Equal((60.25, 70.5), saved.EffectiveBounds);
        Assert.Equal("alice", saved.TrimmedBy);
        Assert.NotNull(saved.TrimmedAt);
        var activity = Assert.Single(saved.Activity);
        Assert.Equal((HighlightActions.Trim, "alice"), (activity.Action, activity.Actor));
        Assert.Contains("60.3 s–70.5 s (was 61.2 s–72.5 s)", activity.Detail);
    }

    [Fact]
    public async Task A_trim_past_the_end_of_the_stream_is_pulled_inside_it()
    {
        var outcome = await Editor.SaveTrimAsync(_account.Id, _highlights[4].Id, -3, 250, null, "alice", CancellationToken.None);

        Assert.Equal(new TrimOutcome(0, 240, Clamped: true), outcome);
        Assert.Equal((0.0, 240.0), (await ReloadAsync(_highlights[4].Id)).EffectiveBounds);
    }

    [Fact]
    public async Task The_stored_source_s_duration_bounds_a_trim_before_the_stream_s_guess()
    {
        await EditorData.StoreVodAsync(_host.Services, new VodReservation(_account.Id, _stream.Id, VodType.Archive, null, "archive-1", "source",
            StorageKeys.Archive(_account.Id, _stream.Id, ".mp4"), 10), durationSeconds: 100);

        var outcome = await Editor.SaveTrimAsync(_account.Id, _highlights[0].Id, 90, 130, null, "alice", CancellationToken.None);

        Assert.Equal(new TrimOutcome(90, 100, Clamped: true), outcome);
    }

    [Fact]
    public async Task A_trim_shorter_than_the_minimum_is_refused_and_changes_nothing()
    {
        var highlight = _highlights[0];

        var error = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.SaveTrimAsync(_account.Id, highlight.Id, 239.6, 260, null, "alice", CancellationToken.None));

        Assert.Contains("239.6 s–240.0 s inside the stream (240.0 s long) is 0.4 s long; a clip needs at least 1.0 s (Cutting:MinClipSeconds)", error.Message);
        var saved = await ReloadAsync(highlight.Id);
        Assert.Null(saved.TrimStart);
        Assert.Empty(saved.Activity);
    }

    [Theory]
    [InlineData(70, 60, "ends at 60.0 s before it starts at 70.0 s")]
    [InlineData(double.NaN, 60, "must be numbers")]
    [InlineData(10, double.PositiveInfinity, "must be numbers")]
    public async Task Nonsense_bounds_are_refused_with_the_reason(double start, double end, string reason)
    {
        var error = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.SaveTrimAsync(_account.Id, _highlights[0].Id, start, end, null, "alice", CancellationToken.None));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task A_trim_saved_after_the_cut_shows_that_the_clip_holds_other_bounds()
    {
        var highlight = _highlights[0];
        await using (var db = await _host.DbAsync())
        {
            // A copy cut of 61.2–72.5 s, which starts on the keyframe at 60 s.
            var clip = new Vod
            {
                AccountId = _account.Id, StreamId = _stream.Id, Type = VodType.Highlight, Provenance = VodProvenance.AutoClip, ExternalId = $"highlight-{highlight.Id}",
                Title = "clip", StorageKey = $"clips/{highlight.Id}.mp4", SizeBytes = 1000, Status = VodStatus.Stored, HighlightId = highlight.Id,
                CreatedAt = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), SourceStartSeconds = 60, SourceEndSeconds = 72.5,
            };
            db.Vods.Add(clip);
            await db.SaveChangesAsync();
            await db.Highlights.Where(h => h.Id == highlight.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.ClipVodId, clip.Id).SetProperty(h => h.ClipStatus, ClipStatus.Done));
        }

        async Task<HighlightRow> RowAsync() => Assert.Single(await _host.Get<HighlightQueries>().ListAsync(_account.Id, _stream.Id, CancellationToken.None), r => r.Id == highlight.Id);
        var cut = await RowAsync();
        Assert.Equal((60.0, 72.5), (cut.ClipStart, cut.ClipEnd));
        Assert.False(cut.ClipPredatesBounds);

        // Shorter, so the clip still holds it: only the trim's time says the clip is older.
        await Editor.SaveTrimAsync(_account.Id, highlight.Id, 64, 72.5, null, "alice", CancellationToken.None);
        Assert.True((await RowAsync()).ClipPredatesBounds);
    }

    [Fact]
    public async Task A_highlight_being_cut_cannot_be_trimmed()
    {
        var highlight = _highlights[1];
        await using (var db = await _host.DbAsync())
        {
            await db.Highlights.Where(h => h.Id == highlight.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.ClipStatus, ClipStatus.Cutting));
        }

        var error = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.SaveTrimAsync(_account.Id, highlight.Id, 170, 180, null, "alice", CancellationToken.None));

        Assert.Equal("Highlight #2 is being cut; trim it after the cut finishes.", error.Message);
        var saved = await ReloadAsync(highlight.Id);
        Assert.Null(saved.TrimStart);
        Assert.Empty(saved.Activity);
    }

    [Fact]
    public async Task Another_account_s_highlight_is_not_found()
    {
        var (other, _) = await _host.AddAccountWithStreamAsync(name: "Other account");

        var trim = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.SaveTrimAsync(other.Id, _highlights[0].Id, 60, 70, null, "mallory", CancellationToken.None));
        var dismiss = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.DismissAsync(other.Id, [_highlights[0].Id], "mallory", CancellationToken.None));

        Assert.Equal($"Highlight {_highlights[0].Id} was not found.", trim.Message);
        Assert.Equal(trim.Message, dismiss.Message);
        Assert.False((await ReloadAsync(_highlights[0].Id)).Dismissed);
    }

    [Fact]
    public async Task A_trim_begun_on_bounds_another_editor_changed_meanwhile_is_refused_and_theirs_stays()
    {
        var highlight = _highlights[0];
        var shown = highlight.EffectiveBounds; // both editors' pages show the refined bounds, 61.2–72.5 s
        await Editor.SaveTrimAsync(_account.Id, highlight.Id, 60, 70, shown, "alice", CancellationToken.None);

        var error = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.SaveTrimAsync(_account.Id, highlight.Id, 62, 80, shown, "bob", CancellationToken.None));

        Assert.Equal($"Highlight #{highlight.Rank} changed while you were trimming it: it is now 60.0 s–70.0 s (trimmed by alice). Your trim was not saved; trim it again to replace that.", error.Message);
        var saved = await ReloadAsync(highlight.Id);
        Assert.Equal(((60.0, 70.0), "alice"), (saved.EffectiveBounds, saved.TrimmedBy));
        Assert.Equal(["alice"], saved.Activity.Select(a => a.Actor));

        // Bob's page now shows alice's bounds; trimming from them replaces hers.
        await Editor.SaveTrimAsync(_account.Id, highlight.Id, 62, 80, saved.EffectiveBounds, "bob", CancellationToken.None);
        Assert.Equal(((62.0, 80.0), "bob"), ((await ReloadAsync(highlight.Id)).EffectiveBounds, (await ReloadAsync(highlight.Id)).TrimmedBy));
    }

    [Fact]
    public async Task A_trim_begun_before_a_refinement_moved_the_bounds_is_refused_naming_the_refinement()
    {
        var highlight = _highlights[0];
        var shown = highlight.EffectiveBounds;
        await using (var db = await _host.DbAsync())
        {
            await db.Highlights.Where(h => h.Id == highlight.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.RefinedStart, 63.0).SetProperty(h => h.RefinedEnd, 71.0));
        }

        var error = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.SaveTrimAsync(_account.Id, highlight.Id, 60, 70, shown, "alice", CancellationToken.None));

        Assert.Contains("it is now 63.0 s–71.0 s (refined)", error.Message);
        Assert.Null((await ReloadAsync(highlight.Id)).TrimStart);
    }

    [Fact]
    public async Task Resetting_a_trim_goes_back_to_the_refined_bounds()
    {
        var highlight = _highlights[0];
        await Editor.SaveTrimAsync(_account.Id, highlight.Id, 60, 70, null, "alice", CancellationToken.None);

        await Editor.ResetTrimAsync(_account.Id, highlight.Id, "bob", CancellationToken.None);

        var saved = await ReloadAsync(highlight.Id);
        Assert.Equal((61.2, 72.5), saved.EffectiveBounds);
        Assert.Null(saved.TrimmedBy);
        Assert.Equal([HighlightActions.Trim, HighlightActions.ResetTrim], saved.Activity.OrderBy(a => a.Id).Select(a => a.Action));
        Assert.Equal("bob", saved.Activity.OrderBy(a => a.Id).Last().Actor);
    }

    [Fact]
    public async Task Dismissing_and_restoring_counts_only_real_changes_and_records_each()
    {
        var ids = _highlights.Take(3).Select(h => h.Id).ToList();

        Assert.Equal(3, await Editor.DismissAsync(_account.Id, ids, "alice", CancellationToken.None));
        Assert.Equal(0, await Editor.DismissAsync(_account.Id, ids, "alice", CancellationToken.None));
        Assert.Equal(1, await Editor.RestoreAsync(_account.Id, [ids[0]], "bob", CancellationToken.None));

        await using var db = await _host.DbAsync();
        var dismissed = await db.Highlights.Where(h => h.Dismissed).Select(h => h.Id).ToListAsync();
        Assert.Equal(ids.Skip(1).Order(), dismissed.Order());
        var actions = await db.HighlightActivities.OrderBy(a => a.Id).Select(a => new { a.Action, a.Actor }).ToListAsync();
        Assert.Equal(4, actions.Count);
        Assert.Equal(new { Action = HighlightActions.Restore, Actor = "bob" }, actions[^1]);
    }

    [Fact]
    public async Task A_dismissal_naming_an_unknown_highlight_changes_nothing()
    {
        var error = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.DismissAsync(_account.Id, [_highlights[0].Id, 9999], "alice", CancellationToken.None));

        Assert.Equal("Highlight 9999 was not found.", error.Message);
        await using var db = await _host.DbAsync();
        Assert.False(await db.Highlights.AnyAsync(h => h.Dismissed));
        Assert.False(await db.HighlightActivities.AnyAsync());
    }

    [Fact]
    public async Task Marking_a_moment_detection_missed_adds_a_highlight_numbered_after_the_others_with_who_and_when()
    {
        var added = await Editor.AddAsync(_account.Id, _stream.Id, 110, 135.25, "alice", CancellationToken.None);

        Assert.Equal(new AddedHighlight(added.HighlightId, 6, 110, 135.25, Clamped: false), added);
        var saved = await ReloadAsync(added.HighlightId);
        Assert.Equal((6, 110.0, 135.25, 0.0), (saved.Rank, saved.DetectedStart, saved.DetectedEnd, saved.Score));
        Assert.Equal((110.0, 135.25), saved.EffectiveBounds);
        Assert.Equal(("alice", _account.Id), (saved.AddedBy, saved.AccountId));
        Assert.NotNull(saved.AddedAt);
        Assert.Null(saved.TrimStart);
        var activity = Assert.Single(saved.Activity);
        Assert.Equal((HighlightActions.Add, "alice", "110.0 s–135.3 s"), (activity.Action, activity.Actor, activity.Detail));

        // The stream page reads it like any other, marked as added.
        var row = Assert.Single(await _host.Get<HighlightQueries>().ListAsync(_account.Id, _stream.Id, CancellationToken.None), r => r.Id == added.HighlightId);
        Assert.Equal("alice", row.AddedBy);
    }

    [Fact]
    public async Task A_marked_moment_is_pulled_inside_the_stream_and_refused_when_too_short_overlapping_or_elsewhere()
    {
        Assert.Equal((220.0, 240.0, true), await BoundsAsync(Editor.AddAsync(_account.Id, _stream.Id, 220, 260, "alice", CancellationToken.None)));

        async Task<string> RefusedAsync(Func<Task> add) => (await Assert.ThrowsAsync<HighlightEditException>(add)).Message;
        Assert.Equal("The new highlight 1:35.0–1:50.0 overlaps highlight #4 (1:34.0–1:44.0): trim that one instead.",
            await RefusedAsync(() => Editor.AddAsync(_account.Id, _stream.Id, 95, 110, "alice", CancellationToken.None)));
        Assert.Contains("The new highlight 60.0 s–60.5 s is 0.5 s long; a clip needs at least 1.0 s",
            await RefusedAsync(() => Editor.AddAsync(_account.Id, _stream.Id, 60, 60.5, "alice", CancellationToken.None)));
        Assert.Equal("A new highlight must end after it starts: 2:00.0–1:50.0.",
            await RefusedAsync(() => Editor.AddAsync(_account.Id, _stream.Id, 120, 110, "alice", CancellationToken.None)));
        Assert.Equal("A new highlight's bounds must be numbers of seconds.",
            await RefusedAsync(() => Editor.AddAsync(_account.Id, _stream.Id, double.NaN, 110, "alice", CancellationToken.None)));
        var (other, _) = await _host.AddAccountWithStreamAsync(name: "Other account");
        Assert.Equal($"Stream {_stream.Id} was not found.", await RefusedAsync(() => Editor.AddAsync(other.Id, _stream.Id, 110, 130, "mallory", CancellationToken.None)));

        // A dismissed highlight leaves its place free.
        await Editor.DismissAsync(_account.Id, [_highlights[3].Id], "alice", CancellationToken.None);
        Assert.Equal((95.0, 110.0, false), await BoundsAsync(Editor.AddAsync(_account.Id, _stream.Id, 95, 110, "alice", CancellationToken.None)));

        await using var db = await _host.DbAsync();
        Assert.Equal(2, await db.Highlights.CountAsync(h => h.AddedBy != null));
        Assert.Equal(2, await db.HighlightActivities.CountAsync(a => a.Action == HighlightActions.Add));
    }

    [Fact]
    public async Task At_the_playhead_a_marked_highlight_starts_a_little_before_it_and_fits_between_its_neighbours()
    {
        // 30 s from 10 s before the playhead (the defaults), unless a neighbour is in the way.
        Assert.Equal((110.0, 140.0, false), await BoundsAsync(Editor.AddAtAsync(_account.Id, _stream.Id, 120, "alice", CancellationToken.None)));
        Assert.Equal((140.0, 146.0, false), await BoundsAsync(Editor.AddAtAsync(_account.Id, _stream.Id, 142, "alice", CancellationToken.None)));
        Assert.Equal((104.0, 110.0, false), await BoundsAsync(Editor.AddAtAsync(_account.Id, _stream.Id, 105, "alice", CancellationToken.None)));
        Assert.Equal((215.0, 240.0, true), await BoundsAsync(Editor.AddAtAsync(_account.Id, _stream.Id, 225, "alice", CancellationToken.None)));

        var inside = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.AddAtAsync(_account.Id, _stream.Id, 100, "alice", CancellationToken.None));
        Assert.Equal("The playhead (1:40.0) is inside highlight #4 (1:34.0–1:44.0): trim that one instead.", inside.Message);
        var ranks = (await _host.Get<HighlightQueries>().ListAsync(_account.Id, _stream.Id, CancellationToken.None)).Where(r => r.AddedBy is not null).Select(r => r.Rank);
        Assert.Equal([6, 7, 8, 9], ranks);
    }

    [Fact]
    public async Task Editors_marking_the_same_moment_at_once_store_it_once()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            try
            {
                return await Editor.AddAsync(_account.Id, _stream.Id, 110 + i, 130 + i, $"editor {i}", CancellationToken.None);
            }
            catch (HighlightEditException e) when (e.Message.Contains("overlaps highlight #6"))
            {
                return null;
            }
        })));

        var stored = Assert.Single(attempts, a => a is not null);
        await using var db = await _host.DbAsync();
        var marked = Assert.Single(await db.Highlights.Where(h => h.AddedBy != null).ToListAsync());
        Assert.Equal((stored!.HighlightId, 6), (marked.Id, marked.Rank));
    }

    [Fact]
    public async Task A_marked_highlight_can_be_removed_again_but_not_a_detected_one_nor_one_with_a_clip()
    {
        var added = await Editor.AddAsync(_account.Id, _stream.Id, 110, 130, "alice", CancellationToken.None);

        var detected = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.RemoveAddedAsync(_account.Id, _highlights[0].Id, "alice", CancellationToken.None));
        Assert.Equal("Highlight #1 was detected, not marked by hand: dismiss it instead.", detected.Message);
        await using (var db = await _host.DbAsync())
        {
            await db.Highlights.Where(h => h.Id == added.HighlightId).ExecuteUpdateAsync(s => s.SetProperty(h => h.ClipStatus, ClipStatus.Cutting));
        }

        var cutting = await Assert.ThrowsAsync<HighlightEditException>(() => Editor.RemoveAddedAsync(_account.Id, added.HighlightId, "alice", CancellationToken.None));
        Assert.Contains("has a clip or is being cut", cutting.Message);
        await using (var db = await _host.DbAsync())
        {
            await db.Highlights.Where(h => h.Id == added.HighlightId).ExecuteUpdateAsync(s => s.SetProperty(h => h.ClipStatus, ClipStatus.None));
        }

        await Editor.RemoveAddedAsync(_account.Id, added.HighlightId, "alice", CancellationToken.None);

        await using var after = await _host.DbAsync();
        Assert.False(await after.Highlights.AnyAsync(h => h.Id == added.HighlightId));
        Assert.False(await after.HighlightActivities.AnyAsync(a => a.HighlightId == added.HighlightId));
        Assert.Equal(5, await after.Highlights.CountAsync());
    }

    private static async Task<(double Start, double End, bool Clamped)> BoundsAsync(Task<AddedHighlight> adding)
    {
        var added = await adding;
        return (added.Start, added.End, added.Clamped);
    }

    public sealed class OnSqlite : HighlightEditorTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : HighlightEditorTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
