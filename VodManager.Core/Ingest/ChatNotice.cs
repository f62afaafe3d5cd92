using VodManager.Core.Streams;

namespace VodManager.Core.Ingest;

/// <summary>What a system notice (or a cheer) in chat says happened.</summary>
/// <param name="Sender">Who gave it (the gifter, the raider, the cheerer); gift notices from one sender are merged.</param>
/// <param name="Mystery">A "gifting N subs" announcement; the N single gift notices that follow it are part of it.</param>
/// <param name="Gift">What a gift gives, for the merged event's text: a Twitch "sub", a YouTube "membership".</param>
public sealed record ChatNotice(StreamEventType Type, double Magnitude, string Sender, string Detail, bool Mystery = false, string Gift = "sub");
