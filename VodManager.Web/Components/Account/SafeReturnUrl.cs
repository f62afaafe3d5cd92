namespace VodManager.Web.Components.Account;

/// <summary>Where to go after signing in: a local path only, so a crafted link cannot bounce the user to another site.</summary>
public static class SafeReturnUrl
{
    public const string Default = "/streams";

    public static string Of(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
            ? url
            : Default;
}
