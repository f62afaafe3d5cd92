namespace VodManager.Core.Ingest;

/// <summary>The few <c>user_notice_params</c> fields a notice's meaning depends on.</summary>
public struct NoticeParams
{
    public string? MsgId;
    public string? SubPlan;
    public string? MassGiftCount;
    public string? ViewerCount;
    public string? RaiderName;
}
