namespace VodManager.Core.Cutting;

/// <summary>One part of a smart cut: a range of the source that is either re-encoded or copied.</summary>
public sealed record SmartCutPart(double Start, double Duration, bool Copy);
