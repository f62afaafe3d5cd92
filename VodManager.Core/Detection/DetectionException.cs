namespace VodManager.Core.Detection;

/// <summary>Detection cannot run as asked (no such stream, nothing to look at); the message says why.</summary>
public sealed class DetectionException(string message) : UserFacingException(message);
