using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Detection;

/// <summary>How chat is read into the chat model's features, and when the model's say alone makes a highlight.</summary>
public sealed class ChatOptions
{
    /// <summary>An author counts again only after this many seconds: one account spamming is one chatter.</summary>
    [Range(0.0, 600.0)]
    public double ChatterCooldownSeconds { get; set; } = 15;

    /// <summary>A line repeats the chat when its first word was posted this recently (by anyone).</summary>
    [Range(1.0, 600.0)]
    public double RepeatSeconds { get; set; } = 20;

    /// <summary>Half-width (s) of the stretch whose mean activity is the stream's own level (long streams drift).</summary>
    [Range(60.0, 36000.0)]
    public double LevelSeconds { get; set; } = 1800;

    /// <summary>Seconds before a window that are its recent baseline.</summary>
    [Range(10.0, 3600.0)]
    public double RecentSeconds { get; set; } = 120;

    /// <summary>Model probability from which chat alone makes a confident highlight; below it a candidate is weak.</summary>
    [Range(0.01, 0.99)]
    public double StrongProbability { get; set; } = 0.5;

    /// <summary>And more people must be talking than usual: distinct chatters at least this many times the stream's level.</summary>
    [Range(1.0, 100.0)]
    public double MinLevelRatio { get; set; } = 1.5;

    /// <summary>Upper bound (s) of the per-stream chat-lag estimate (how long chat takes to react to a moment).</summary>
    [Range(0.0, 120.0)]
    public double MaxLagSeconds { get; set; } = 20;
}
