namespace VodManager.Core.Refinement;

/// <summary>Where the heuristic put one bound and why: the kind of edge it snapped to and how clear that edge is (0..1).</summary>
internal sealed record Edge(double From, double To, string Kind, double Clarity, string Why)
{
    public static Edge Kept(double at) => new(at, at, "none", 0, "no clear edge nearby, kept");
}
