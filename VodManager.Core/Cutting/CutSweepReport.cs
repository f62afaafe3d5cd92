namespace VodManager.Core.Cutting;

/// <summary>What the start-up sweep repaired; all zero after a clean shutdown.</summary>
public sealed record CutSweepReport(int TempFiles, int PartialWrites, int ReleasedReservations, int ResetClaims, int OrphanObjects)
{
    public bool Repaired => TempFiles + PartialWrites + ReleasedReservations + ResetClaims + OrphanObjects > 0;
}
