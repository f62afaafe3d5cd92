using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Detection;

/// <summary>How chat spikes are told from the stream's own baseline.</summary>
public sealed class ChatSpikeOptions
{
    /// <summary>Width (s) of the window whose activity is compared with the baseline.</summary>
    [Range(2.0, 120.0)]
    public double WindowSeconds { get; set; } = 10;

    /// <summary>A sparse chat's window is widened up to this, until a window expects a few chatters.</summary>
    [Range(2.0, 600.0)]
    public double MaxWindowSeconds { get; set; } = 60;

    /// <summary>Half-width (s) of the surrounding stretch the robust baseline (median, MAD) is taken over.</summary>
    [Range(30.0, 7200.0)]
    public double BaselineSeconds { get; set; } = 300;

    /// <summary>A window is a spike from this robust z-score on.</summary>
    [Range(0.5, 50.0)]
    public double ZThreshold { get; set; } = 2.5;

    /// <summary>z-score at which the chat signal reaches 1.0.</summary>
    [Range(1.0, 100.0)]
    public double FullZ { get; set; } = 10;

    /// <summary>A spike must also be this many times the baseline (a slow drift has a high z but a small ratio).</summary>
    [Range(1.0, 20.0)]
    public double MinRatio { get; set; } = 1.6;

    /// <summary>And carry at least this much weighted activity (distinct chatters), so a dead chat's 2 lines are no spike.</summary>
    [Range(0.0, 1000.0)]
    public double MinActivity { get; set; } = 5;

    /// <summary>An author counts again only after this many seconds: one account spamming is one chatter.</summary>
    [Range(0.0, 600.0)]
    public double ChatterCooldownSeconds { get; set; } = 15;

    /// <summary>Extra weight of an emote-heavy line (3+ emotes) over a plain one.</summary>
    [Range(0.0, 10.0)]
    public double EmoteBoost { get; set; } = 0.5;

    /// <summary>Chat reacts this many seconds after the moment; bounds start this much before the spike.</summary>
    [Range(0.0, 120.0)]
    public double LeadInSeconds { get; set; } = 6;
}
