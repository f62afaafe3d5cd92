using System.Text;

namespace VodManager.Core.Ingest;

/// <summary>A 64-bit FNV-1a key per chat author, the same whether read from a file's bytes or from a stored row.</summary>
public static class AuthorKeys
{
    private const ulong Prime = 1099511628211;

    /// <summary>The hash of no bytes, to <see cref="Add"/> bytes to one at a time.</summary>
    public const ulong Start = 14695981039346656037;

    public static ulong Add(ulong hash, byte b) => (hash ^ b) * Prime;

    public static ulong Of(ReadOnlySpan<byte> utf8)
    {
        var hash = Start;
        foreach (var b in utf8)
        {
            hash = Add(hash, b);
        }

        return hash;
    }

    public static ulong Of(string value)
    {
        Span<byte> small = stackalloc byte[256];
        var count = Encoding.UTF8.GetByteCount(value);
        var bytes = count <= small.Length ? small[..count] : new byte[count];
        Encoding.UTF8.GetBytes(value, bytes);
        return Of(bytes);
    }
}
