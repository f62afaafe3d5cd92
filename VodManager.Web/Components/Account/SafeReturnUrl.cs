namespace VodManager.Web.Components.Account;

/// <summary>
/// Where to go after signing in: a local path only, so a crafted link cannot bounce the user to another site. The
/// answer goes into a Location header, which takes ASCII only: other characters are percent-encoded, and a value with
/// spaces or control characters (any Unicode ones) is refused for the default.
/// </summary>
public static class SafeReturnUrl
{
    public const string Default = "/streams";

    private static readonly Uri Origin = new("http://local.invalid");

    public static string Of(string? returnUrl)
    {
        if (returnUrl is not { Length: > 0 } url || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal)
            || url.StartsWith("/account/", StringComparison.OrdinalIgnoreCase) || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || !Uri.TryCreate(Origin, url, out var resolved) || resolved.Authority != Origin.Authority)
        {
            return Default;
        }

        // Uri percent-encodes what is not ASCII; the path must still be the one that was checked (no "/account/" via "%2F..").
        var local = resolved.PathAndQuery + resolved.Fragment;
        return local.StartsWith("/account/", StringComparison.OrdinalIgnoreCase) ? Default : local;
    }
}
