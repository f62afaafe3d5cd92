using Bunit;
using VodManager.Core.Jobs;
using VodManager.Web.Components.Shared;

namespace VodManager.Tests.Ui.Shared;

/// <summary>A job's row in the job list: editors can cancel an unfinished job (which may run on another node).</summary>
public sealed class JobRowTests : UiTest
{
    private static JobUpdate Job(JobStatus status) =>
        new(Guid.NewGuid(), 1, 2, "cut-all", "Cut all highlights of stream 2", status, "cutting", 40, null, "clip 2 of 5", null, DateTime.UtcNow);

    [Fact]
    public async Task An_editor_cancels_an_unfinished_job_and_the_row_says_it_is_on_its_way()
    {
        var job = Job(JobStatus.Running);
        JobUpdate? cancelled = null;
        var row = Render<JobRow>(p => p.Add(c => c.Job, job).Add(c => c.OnCancel, (JobUpdate j) => cancelled = j));

        var button = row.Find($"button[aria-label='Cancel {job.Title}']");
        await button.ClickAsync(new());

        Assert.Equal(job.JobId, cancelled?.JobId);
        var after = row.Find($"button[aria-label='Cancel {job.Title}']");
        Assert.Equal("Cancelling…", after.TextContent.Trim());
        Assert.True(after.HasAttribute("disabled"), "a second cancel could be sent");
    }

    [Theory]
    [InlineData(JobStatus.Succeeded, true)]
    [InlineData(JobStatus.Failed, true)]
    [InlineData(JobStatus.Running, false)]
    public void No_cancel_for_a_finished_job_nor_for_someone_who_may_not_edit(JobStatus status, bool canEdit)
    {
        var row = Render<JobRow>(p =>
        {
            p.Add(c => c.Job, Job(status));
            if (canEdit)
            {
                p.Add(c => c.OnCancel, (JobUpdate _) => { });
            }
        });

        Assert.Empty(row.FindAll("button"));
    }
}
