namespace VodManager.Core.Library;

public enum VodStatus
{
    /// <summary>Bytes reserved on the ledger, file being written; invisible to users.</summary>
    Pending = 0,

    /// <summary>Written, validated and visible.</summary>
    Stored = 1,
}
