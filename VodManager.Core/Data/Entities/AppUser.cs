using Microsoft.AspNetCore.Identity;

namespace VodManager.Core.Data.Entities;

/// <summary>A person who signs in (ASP.NET Core Identity); what they may do comes from their <see cref="AccountMember"/> rows.</summary>
public sealed class AppUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }

    public List<AccountMember> Memberships { get; set; } = [];
}
