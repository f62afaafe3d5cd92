namespace VodManager.Core.Streams;

/// <summary>
/// The files a new stream starts from, any of them optional: a chat log, an events file, a transcript (paths on this
/// machine) and a video (a path under Import:Roots, or an http(s) URL).
/// </summary>
public sealed record NewStreamFiles(string? Chat = null, string? Events = null, string? Transcript = null, string? Video = null)
{
    /// <summary>
    /// The name the editor knows the stream's main file by (the chat, else the video, transcript or events), when the
    /// paths are copies under other names (a browser upload's temporary copy); a title comes from it when no file
    /// names the broadcast.
    /// </summary>
    public string? Named { get; init; }

    /// <summary>
    /// The video goes up from the browser once the stream exists (the new stream dialog hands it to the upload then):
    /// none is named here, yet one is on its way.
    /// </summary>
    public bool VideoUploadFollows { get; init; }

    /// <summary>A video is on its way for the stream: named here, or following from the browser.</summary>
    public bool VideoFollows => Video is not null || VideoUploadFollows;

    public bool Any => Chat is not null || Events is not null || Transcript is not null || Video is not null;

    /// <summary>The video as a URL to download, or null when it is a path (or absent).</summary>
    public Uri? VideoUrl => Video is not null && Uri.TryCreate(Video, UriKind.Absolute, out var url) && !url.IsFile ? url : null;
}
