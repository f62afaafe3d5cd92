namespace VodManager.Core.Refinement;

/// <summary>What a backend sees in one iteration.</summary>
/// <param name="Highlight">The highlight as detection scored it.</param>
/// <param name="Iteration">1 for the first call of a run; later calls get the previous proposal as <paramref name="Start"/>/<paramref name="End"/>.</param>
/// <param name="Start">The bounds to refine, in seconds from the stream's start.</param>
/// <param name="Window">The context around the highlight, the same for every iteration of a run.</param>
public sealed record RefinementInput(RefinementSubject Highlight, int Iteration, double Start, double End, RefinementWindow Window);
