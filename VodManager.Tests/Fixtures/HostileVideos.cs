using System.Buffers.Binary;
using System.Text;
using FFMpegCore;
using VodManager.Core.Media;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// The video half of the bad-input corpus, made from ffmpeg-generated media: each file is something a person might
/// upload by mistake or on purpose, with the words the refusal must contain.
/// </summary>
public static class HostileVideos
{
    /// <summary>Name, expected words in the refusal, and a factory that writes the file into a folder and returns its path.</summary>
    /// <param name="ExpectedByUrl">The words when the file is downloaded, where they differ (a playlist is fetched as HLS).</param>
    public sealed record Case(string Name, string Expected, Func<string, Task<string>> WriteAsync, string? ExpectedByUrl = null)
    {
        public override string ToString() => Name;
    }

    public static readonly TestPatternSpec AudioOnlySpec = new(6, Video: false);

    public static IReadOnlyList<Case> All { get; } =
    [
        new("truncated MP4 (moov missing)", "not a video file ffprobe can read, or it is truncated", async folder =>
            await WriteAsync(folder, "moov-missing.mp4", WithoutBox(await File.ReadAllBytesAsync(await TestMedia.GetAsync()), "moov"))),
        new("MP4 cut in half (index intact)", "it is truncated", async folder =>
        {
            var bytes = await File.ReadAllBytesAsync(await TestMedia.GetAsync());
            return await WriteAsync(folder, "cut-in-half.mp4", bytes[..(bytes.Length / 2)]);
        }),
        new("audio-only file", "has no video stream (audio only)", async folder =>
            await WriteAsync(folder, "audio-only.mp4", await File.ReadAllBytesAsync(await TestMedia.GetAsync(AudioOnlySpec)))),
        new("text file renamed .mp4", "not a video file ffprobe can read", folder =>
            WriteAsync(folder, "notes.mp4", Encoding.UTF8.GetBytes("These are my stream notes, not a video.\n"))),
        new("zero-length file", "the file is empty", folder => WriteAsync(folder, "empty.mp4", [])),
        new("FLV with codecs MP4 cannot hold (Sorenson H.263, Flash ADPCM)", "could not be rewrapped as MP4", async folder =>
        {
            var path = Path.Combine(folder, "old-recording.flv");
            await TestMedia.Runner().RunAsync(
                FFMpegArguments.FromFileInput(await TestMedia.GetAsync(), true)
                    .OutputToFile(path, true, o => o.WithCustomArgument("-c:v flv1 -c:a adpcm_swf -ar 22050 -f flv")),
                path, null, null, CancellationToken.None);
            return path;
        }),
        new("a single frame in an MKV without a duration", "has no duration and its video holds 1 frame(s)", async folder =>
        {
            var path = Path.Combine(folder, "one-frame.mkv");
            await UnfinishedMkvAsync(await TestMedia.GetAsync(), path, "-map 0:v:0 -frames:v 1 -c:v libx264 -preset ultrafast");
            return path;
        }),
        new("HLS playlist pointing at an internal address", "not a video file ffprobe can read", folder =>
            WriteAsync(folder, "playlist.m3u8", Encoding.UTF8.GetBytes(
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10,\nhttp://127.0.0.1:9/secret.ts\n#EXT-X-ENDLIST\n")),
            // Downloaded, it is fetched as HLS: its segment goes through the address checks (these tests allow loopback, so it is tried).
            ExpectedByUrl: "Segment 1 of 1 of the playlist: 'http://127.0.0.1:9/secret.ts' could not be fetched"),
    ];

    /// <summary>
    /// What OBS leaves when it crashes mid-stream: an MKV whose duration and index (cues) were never written. The muxer's
    /// live mode never goes back to write them, as when it cannot seek; written to a file rather than through an
    /// FFMpegCore pipe, whose copy is cancelled when ffmpeg exits and so can lose the last bytes (or all of them).
    /// </summary>
    public static async Task UnfinishedMkvAsync(string source, string path, string arguments = "-map 0 -c copy") =>
        await TestMedia.Runner().RunAsync(
            FFMpegArguments.FromFileInput(source, true).OutputToFile(path, true, o => o.ForceFormat("matroska").WithCustomArgument($"{arguments} -live 1")),
            path, null, null, CancellationToken.None);

    /// <summary>The MP4 without one top-level box: dropping "moov" gives a file whose index is gone.</summary>
    public static byte[] WithoutBox(byte[] mp4, string type)
    {
        var kept = new MemoryStream();
        var position = 0;
        while (position + 8 <= mp4.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(mp4.AsSpan(position));
            var header = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(mp4.AsSpan(position + 8));
                header = 16;
            }
            else if (size == 0)
            {
                size = mp4.Length - position;
            }

            if (size < header || position + size > mp4.Length)
            {
                throw new InvalidDataException($"Not an MP4 box at {position}.");
            }

            if (Encoding.ASCII.GetString(mp4, position + 4, 4) != type)
            {
                kept.Write(mp4, position, (int)size);
            }

            position += (int)size;
        }

        return kept.ToArray();
    }

    private static async Task<string> WriteAsync(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }
}
