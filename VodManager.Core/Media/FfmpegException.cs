namespace VodManager.Core.Media;

/// <summary>ffmpeg or ffprobe failed or produced nothing usable; the message says what was asked and ffmpeg's last words.</summary>
public sealed class FfmpegException(string message, Exception? inner = null) : Exception(message, inner);
