using VodManager.Core.Storage;

namespace VodManager.Web.Accounts;

/// <summary>
/// The replay player's source link, kept while the page plays the same file. Every signing gives a new link, and a new
/// src makes the browser load the video afresh: the editor's playhead went back to 0 whenever a job for the stream
/// finished and the page read its state again. The link is signed anew for another file (a browser copy), or once half
/// its lifetime is gone so it never expires under an open page; the player then resumes where it was.
/// </summary>
public sealed class PlayerSourceUrl(IVodStorage storage, TimeSpan lifetime, TimeProvider time)
{
    private string? _key;
    private string? _url;
    private DateTimeOffset _signedAt;

    /// <summary>The link to play <paramref name="key"/>, null without one.</summary>
    public async Task<string?> GetAsync(string? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            (_key, _url) = (null, null);
            return null;
        }

        var now = time.GetUtcNow();
        if (key != _key || now - _signedAt >= lifetime / 2)
        {
            _url = await BrowserMediaUrl.GetAsync(storage, key, lifetime, cancellationToken);
            (_key, _signedAt) = (key, now);
        }

        return _url;
    }
}
