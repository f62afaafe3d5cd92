namespace VodManager.Core.Quota;

public sealed record LedgerCheck(long LedgerBytes, long RowBytes, int LedgerCount, int RowCount)
{
    public bool Balanced => LedgerBytes == RowBytes && LedgerCount == RowCount;
}
