namespace VodManager.Web.Components.Timeline;

/// <summary>The editor asked to save a highlight's trim.</summary>
public sealed record TrimSave(int HighlightId, TrimRange Range)
{
    /// <summary>Set by the page when the server refused the save, so the replay view keeps the draft for another try.</summary>
    public bool Refused { get; set; }
}
