using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Quota;

/// <summary>The "Quota" section of appsettings.json: the plan a new account starts on.</summary>
public sealed class QuotaOptions
{
    public const string Section = "Quota";

    /// <summary>Free tier: how many VODs (archives and clips) an account may keep.</summary>
    [Range(1, 100_000)]
    public int FreeTierMaxVods { get; set; } = 25;

    /// <summary>Free tier: how many bytes an account may keep (without it 25 VODs could each be a 50 GiB archive).</summary>
    [Range(1L, long.MaxValue)]
    public long FreeTierQuotaBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Paid plan: default byte quota of a new paid account.</summary>
    [Range(1L, long.MaxValue)]
    public long PaidQuotaBytes { get; set; } = 50L * 1024 * 1024 * 1024;

    /// <summary>How long a job's pin on a VOD lasts without renewal (a crashed job's pins lapse after this).</summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan PinLease { get; set; } = TimeSpan.FromMinutes(30);

}
