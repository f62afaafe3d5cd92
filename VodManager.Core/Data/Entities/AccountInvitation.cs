using VodManager.Core.Accounts;

namespace VodManager.Core.Data.Entities;

/// <summary>
/// An owner's invitation into an account, waiting for the invited user to accept or decline it. It grants nothing:
/// only accepting turns it into an <see cref="AccountMember"/>. An email nobody had signed up with when it was sent
/// gets a row too (so the owner's view does not tell whether an account exists) that no one can ever accept.
/// </summary>
public sealed class AccountInvitation
{
    public int Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>The email as the owner typed it.</summary>
    public required string Email { get; set; }

    public required string NormalizedEmail { get; set; }

    /// <summary>The user who had that email when the invitation was sent; null when there was none.</summary>
    public string? UserId { get; set; }

    public AccountRole Role { get; set; }

    /// <summary>Who sent it, shown to the invited user so a look-alike account name alone does not decide.</summary>
    public required string InvitedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public Account? Account { get; set; }
    public AppUser? User { get; set; }
}
