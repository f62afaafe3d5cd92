namespace VodManager.Core.Cutting;

/// <summary>What the start-up sweep repaired; all zero after a clean shutdown.</summary>
/// <param name="ResetQueued">Highlights left queued by a cut job that will not run again, before it reached them.</param>
public sealed record CutSweepReport(int TempFiles, int PartialWrites, int ReleasedReservations, int ResetClaims, int OrphanObjects, int ResetQueued = 0)
{
    public bool Repaired => TempFiles + PartialWrites + ReleasedReservations + ResetClaims + OrphanObjects + ResetQueued > 0;
}
