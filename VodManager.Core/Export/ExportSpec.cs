using System.Globalization;

namespace VodManager.Core.Export;

/// <summary>What to export: a clip, a profile, a framing and whether to overlay chat. Exports are idempotent per this.</summary>
public sealed record ExportSpec(int AccountId, int ClipVodId, string Profile, Framing Framing, bool Chat)
{
    /// <summary>The export VOD's external id: one export per (clip, profile, framing, chat), ever.</summary>
    public string ExternalId => string.Create(CultureInfo.InvariantCulture,
        $"export-{ClipVodId}-{Profile}-{Framing.ToString().Replace("=", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)}{(Chat ? "-chat" : "")}");

    public override string ToString() => $"clip {ClipVodId} as {Profile}, {Framing}{(Chat ? ", with chat" : "")}";
}
