using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Refinement;

/// <summary>The local heuristic: how far it looks for an edge, what counts as quiet, when a scene change counts.</summary>
public sealed class HeuristicOptions
{
    /// <summary>How far (seconds) from a bound an edge may be to snap to it.</summary>
    [Range(0.5, 60)]
    public double SnapSeconds { get; set; } = 4;

    /// <summary>A second is quiet when it is this many LU below the moment's loudest second (a pause, the room between shouts).</summary>
    [Range(3, 60)]
    public double QuietDropLu { get; set; } = 20;

    /// <summary>A second at or below this loudness is silence whatever the moment's level; a moment with nothing louder is "silent".</summary>
    [Range(-70, -20)]
    public double SilenceLufs { get; set; } = -50;

    /// <summary>Seconds of quiet kept before the sound starts, so the clip does not open mid-breath.</summary>
    [Range(0, 10)]
    public double LeadSeconds { get; set; } = 1;

    /// <summary>Seconds of quiet kept after the sound ends, so the clip does not end on a cut-off word.</summary>
    [Range(0, 10)]
    public double TailSeconds { get; set; } = 1.5;

    /// <summary>ffmpeg scene score (0..1) a frame must exceed to count as a scene change.</summary>
    [Range(0.05, 1)]
    public double SceneThreshold { get; set; } = 0.3;

    /// <summary>A moment whose strongest signal (chat as the model's probability above its usual, events, transcript, audio; each 0..1) stays below this has no signal.</summary>
    [Range(0, 1)]
    public double NoSignalLevel { get; set; } = 0.05;
}
