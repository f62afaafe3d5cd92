using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VodManager.Core.Ingest;

/// <summary>
/// A Super Chat's amount as YouTube shows it (<c>purchaseAmountText</c>: "$5.00", "CA$10.00", "¥1,000", "€2.00",
/// "PHP 100.00", "5,00 €"): the number and the ISO 4217 code of its currency, read from the symbol or code beside it.
/// chat-downloader hands the two over already; yt-dlp's chat keeps only the text.
/// </summary>
internal static partial class YouTubeMoney
{
    /// <summary>The symbols YouTube writes (English CLDR's), by the currency they stand for; a three-letter code stands for itself.</summary>
    private static readonly FrozenDictionary<string, string> Symbols = new Dictionary<string, string>
    {
        ["$"] = "USD", ["US$"] = "USD", ["CA$"] = "CAD", ["A$"] = "AUD", ["NZ$"] = "NZD", ["HK$"] = "HKD", ["NT$"] = "TWD",
        ["MX$"] = "MXN", ["R$"] = "BRL", ["¥"] = "JPY", ["￥"] = "JPY", ["CN¥"] = "CNY", ["€"] = "EUR", ["£"] = "GBP",
        ["₹"] = "INR", ["₩"] = "KRW", ["₪"] = "ILS", ["₱"] = "PHP", ["₫"] = "VND", ["₺"] = "TRY", ["₽"] = "RUB", ["zł"] = "PLN",
    }.ToFrozenDictionary();

    /// <returns>The amount and currency, or nulls for text that shows no amount (the currency alone is null when its sign is not known).</returns>
    public static (double? Amount, string? Currency) Parse(string shown)
    {
        var match = Amount().Match(shown);
        if (!match.Success)
        {
            return (null, null);
        }

        var sign = (match.Groups["before"].Value + match.Groups["after"].Value).Trim();
        var currency = Symbols.TryGetValue(sign, out var code) ? code
            : sign.Length == 3 && sign.All(char.IsAsciiLetterUpper) ? sign
            : null;
        return (Number(match.Groups["number"].Value), currency);
    }

    /// <summary>"1,000.50" or "1.000,50" or "1 000": the last separator followed by one or two digits is the decimal point.</summary>
    private static double? Number(string digits)
    {
        digits = digits.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal);
        var last = digits.LastIndexOfAny([',', '.']);
        var decimals = last >= 0 && digits.Length - last - 1 is 1 or 2;
        var whole = (decimals ? digits[..last] : digits).Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        var number = decimals ? $"{whole}.{digits[(last + 1)..]}" : whole;
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"^\s*(?<before>[^\d\s]*)\s*(?<number>\d[\d.,\u00A0\u202F ]*\d|\d)\s*(?<after>[^\d\s]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Amount();
}
