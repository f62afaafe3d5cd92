using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Accounts;

/// <summary>The "Accounts" section of appsettings.json: sign-in, passwords, lockout, sessions and the demo owner.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 10;

    /// <summary>Failed sign-ins in a row before the user is locked out.</summary>
    [Range(1, 100)]
    public int LockoutAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a sign-in lasts without activity (the cookie slides while the user works).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How often a sign-in is checked against the user's security stamp: after a password change, another browser's
    /// sign-in ends at its next check (each check reads the user once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a link to set a forgotten password works (`vodmanager users reset-password` makes one); it works once.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan PasswordLinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Send the sign-in cookie over HTTPS only. Off by default so the embedded demo works on http://localhost; turn it on behind HTTPS.</summary>
    public bool RequireHttpsCookie { get; set; }

    /// <summary>Anyone may create a user and a new account of their own on the sign-up page.</summary>
    public bool AllowSignUp { get; set; } = true;

    /// <summary>The demo owner the demo seed creates (embedded demo only).</summary>
    [Required, EmailAddress]
    public string DemoEmail { get; set; } = "demo@vodmanager.local";

    /// <summary>The demo owner's documented default password; it is printed at start while the demo seed is on.</summary>
    [Required]
    public string DemoPassword { get; set; } = "vodmanager-demo";
}
