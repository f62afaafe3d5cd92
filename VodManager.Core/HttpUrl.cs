using System.Diagnostics.CodeAnalysis;

namespace VodManager.Core;

/// <summary>http and https are the only URLs the app reads or fetches (storage read URLs, imports, the LLM); any other text is a path or is refused.</summary>
public static class HttpUrl
{
    public static bool IsHttp(this Uri url) => url.IsAbsoluteUri && url.Scheme is "http" or "https";

    /// <summary>The text as an absolute http(s) URL, or false.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? url)
    {
        url = Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.IsHttp() ? parsed : null;
        return url is not null;
    }
}
