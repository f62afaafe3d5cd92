using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Identity's users on the app's own database, memberships, and sign-up; the web host adds sign-in (<see cref="AddAccountSessions"/>) and cookies on top.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<AccountsOptions>(configuration, AccountsOptions.Section);

        // Identity's stores take the context from the scope; it is the same provider-specific context the factory makes.
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<VodDbContext>>().CreateDbContext());
        services.AddSingleton<ILookupNormalizer, UpperInvariantLookupNormalizer>(); // stateless; singletons (AccountMembers) look emails up too
        services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<VodDbContext>().AddDefaultTokenProviders();
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<AccountsOptions>>((tokens, accounts) => tokens.TokenLifespan = accounts.Value.PasswordLinkLifetime);
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountsOptions>>((identity, accounts) =>
        {
            var a = accounts.Value;
            identity.User.RequireUniqueEmail = true;
            identity.SignIn.RequireConfirmedAccount = false;

            // Length over composition rules (NIST SP 800-63B): a long passphrase beats a short mixed one.
            identity.Password.RequiredLength = a.MinPasswordLength;
            (identity.Password.RequireDigit, identity.Password.RequireLowercase, identity.Password.RequireUppercase, identity.Password.RequireNonAlphanumeric) = (false, false, false, false);
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = a.LockoutAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = a.LockoutDuration;
        });
        services.AddSingleton<AccountMembers>();
        services.AddSingleton<AccountInvitations>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<AccountNames>();
        services.AddScoped<AccountProvisioning>();
        services.AddScoped<SessionStamps>();
        services.AddScoped<PasswordResets>();
        return services;
    }

    /// <summary>
    /// Sign-in over Identity's cookies (<see cref="AccountSessions"/>), for the web host only: it needs the
    /// authentication services the host adds with its cookie schemes.
    /// </summary>
    public static IServiceCollection AddAccountSessions(this IServiceCollection services)
    {
        new IdentityBuilder(typeof(AppUser), services).AddSignInManager();
        services.AddScoped<AccountSessions>();
        return services;
    }
}
