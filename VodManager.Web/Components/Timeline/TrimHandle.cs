namespace VodManager.Web.Components.Timeline;

/// <summary>Which end of a trim: the in-point (start) or the out-point (end).</summary>
public enum TrimHandle
{
    In,
    Out,
}
