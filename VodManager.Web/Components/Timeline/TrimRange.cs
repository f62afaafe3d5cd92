namespace VodManager.Web.Components.Timeline;

/// <summary>An editor's in and out points, in seconds from the stream's start.</summary>
public readonly record struct TrimRange(double Start, double End)
{
    public double Length => End - Start;

    public double this[TrimHandle handle] => handle == TrimHandle.In ? Start : End;

    public TrimRange With(TrimHandle handle, double seconds) => handle == TrimHandle.In ? this with { Start = seconds } : this with { End = seconds };
}
