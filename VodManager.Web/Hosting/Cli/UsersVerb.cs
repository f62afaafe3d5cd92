using System.CommandLine;
using System.Globalization;
using VodManager.Core.Accounts;

namespace VodManager.Web.Hosting.Cli;

/// <summary>
/// `users add | reset-password`: a link that sets a user's password (<see cref="PasswordResets"/>), for a user the
/// operator adds (the way in with sign-up off) or one who forgot theirs, printed for the operator to pass on, since the
/// product sends no mail. stdout holds the link only; stderr says how long it works.
/// </summary>
public sealed class UsersVerb : ICliVerb
{
    public string Name => "users";

    public Command Build(CliContext cli) =>
        new(Name, "Users of this server: add one, or make a link that sets a forgotten password.") { Add(cli), ResetPassword(cli) };

    private static Command Add(CliContext cli) =>
        LinkCommand(cli, "add", "Add a user (no account yet: owners invite them) and print a one-time link that sets their password.", async (services, email, cancellationToken) =>
        {
            var added = await services.GetRequiredService<AccountProvisioning>().AddUserAsync(email, cancellationToken);
            if (!added.Succeeded)
            {
                throw new CliException(added.Error!);
            }

            await cli.Error.WriteLineAsync($"Added {added.User!.Email}, a member of no account yet: an owner invites them (Members), or they create one of their own where sign-up is on.");
            return added.User.Email!;
        });

    private static Command ResetPassword(CliContext cli) =>
        LinkCommand(cli, "reset-password", "Print a one-time link that sets the user's password (a forgotten one).", (_, email, _) => Task.FromResult(email));

    /// <summary>A command that does <paramref name="before"/> (which gives the email to make the link for), then prints the link.</summary>
    private static Command LinkCommand(CliContext cli, string name, string description, Func<IServiceProvider, string, CancellationToken, Task<string>> before)
    {
        var email = new Option<string>("--email") { Description = "The user's email.", Required = true };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "The address people open VodManager at (e.g. https://clips.example.com); by default the first of the app's Urls setting.",
        };
        var command = new Command(name, description) { email, baseUrl };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var site = Site(cli, parse.GetValue(baseUrl));
            await cli.EnsureReadyAsync(cancellationToken);
            await using var scope = cli.Services.CreateAsyncScope();
            var user = await before(scope.ServiceProvider, parse.GetValue(email)!, cancellationToken);
            await PrintLinkAsync(cli, scope.ServiceProvider, site, user, cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task PrintLinkAsync(CliContext cli, IServiceProvider scope, Uri site, string email, CancellationToken cancellationToken)
    {
        PasswordLink link;
        try
        {
            link = await scope.GetRequiredService<PasswordResets>().IssueAsync(email, cancellationToken);
        }
        catch (MembershipException e)
        {
            throw new CliException(e.Message);
        }

        // Under the address's own path, for an app served below one behind a proxy.
        var root = site.AbsoluteUri.EndsWith('/') ? site : new Uri(site.AbsoluteUri + "/");
        await cli.Out.WriteLineAsync(new Uri(root, link.PathAndQuery.TrimStart('/')).ToString());
        await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Give this link to {link.Email} only: it sets their password once, until {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC (Accounts:PasswordLinkLifetime)."));
    }

    /// <summary>The address links start with: the one given, else the app's own (its first Urls entry, a wildcard host read as localhost).</summary>
    private static Uri Site(CliContext cli, string? given)
    {
        if (given is not null)
        {
            return Uri.TryCreate(given, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new CliException($"--base-url must be an http(s) address such as https://clips.example.com, not '{given}'.");
        }

        var urls = cli.Services.GetRequiredService<IConfiguration>()["Urls"] ?? "http://localhost:5080";
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://localhost:5080";
        var builder = new UriBuilder(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "0.0.0.0" or "[::]")
        {
            builder.Host = "localhost";
        }

        return builder.Uri;
    }
}
