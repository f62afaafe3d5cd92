using System.Globalization;

namespace VodManager.Core.Storage;

/// <summary>The little of an HTTP request the range proxy needs: method, session token, requested byte range.</summary>
internal sealed record ProxyRequest(string Method, string Token, long From, long? To)
{
    /// <summary>Parses "GET /{token}/{name} HTTP/1.1" and an optional "Range: bytes=a-[b]"; null when malformed.</summary>
    public static ProxyRequest? Parse(string head)
    {
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            return null;
        }

        var path = requestLine[1].TrimStart('/');
        var slash = path.IndexOf('/');
        var token = slash < 0 ? path : path[..slash];
        long from = 0;
        long? to = null;
        var range = lines.FirstOrDefault(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))?[6..].Trim();
        if (range is not null)
        {
            if (!range.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || range.Contains(','))
            {
                return null;
            }

            var parts = range[6..].Split('-');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out from))
            {
                return null;
            }

            if (parts[1].Length > 0)
            {
                if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end))
                {
                    return null;
                }

                to = end;
            }
        }

        return new ProxyRequest(requestLine[0], token, from, to);
    }
}
