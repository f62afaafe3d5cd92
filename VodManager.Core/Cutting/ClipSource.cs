using VodManager.Core.Media;

namespace VodManager.Core.Cutting;

/// <summary>How ffmpeg reads a source for one batch: a local file, or a loopback URL of the range proxy.</summary>
/// <param name="Input">A file path or an http URL.</param>
/// <param name="Media">What ffprobe says about the source (frame rate, codecs).</param>
/// <param name="Index">The VOD's cached keyframes and loudness, when they were computed before the batch.</param>
public sealed record ClipSource(int VodId, string Input, MediaInfo Media, MediaIndex? Index);
