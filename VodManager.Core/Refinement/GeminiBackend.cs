using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VodManager.Core.Storage;

namespace VodManager.Core.Refinement;

/// <summary>
/// Gemini Flash over its REST generateContent API. The window's audio goes inline (base64) when it is small, else it
/// is stored for a moment under the account and sent as a time-limited read URL, and removed after the call.
/// </summary>
public sealed class GeminiBackend(GeminiClient client, IVodStorage storage, IOptions<RefinementOptions> options) : IRefinementBackend
{
    public const string BackendName = "gemini";

    public string Name => BackendName;

    public string Description => "Google's Gemini Flash, hosted: listens to the moment's audio and reads its chat and transcript; each refinement is a paid call.";

    public string? Unavailable => string.IsNullOrWhiteSpace(options.Value.Gemini.ApiKey)
        ? $"this server has no Gemini API key ({RefinementOptions.Section}:Gemini:ApiKey)"
        : null;

    public async Task<RefinementProposal> ProposeAsync(RefinementInput input, CancellationToken cancellationToken)
    {
        var o = options.Value.Gemini;
        var audio = await input.Window.Media.GetAudioAsync();
        string? sharedKey = null;
        try
        {
            JsonObject? part = null;
            if (audio is not null && audio.Bytes <= o.InlineAudioMaxBytes)
            {
                part = GeminiPrompt.InlineAudio(audio.MimeType, await File.ReadAllBytesAsync(audio.Path, cancellationToken));
            }
            else if (audio is not null)
            {
                // A temporary object, removed right after the call (and never charged: it is not a VOD).
                sharedKey = $"{StorageKeys.AccountPrefix(input.Highlight.AccountId)}tmp/refine-{Guid.NewGuid():N}.mp3";
                await using (var file = File.OpenRead(audio.Path))
                {
                    await storage.PutAsync(sharedKey, file, audio.Bytes, cancellationToken);
                }

                part = GeminiPrompt.AudioUrl(audio.MimeType, await ReadUrlAsync(sharedKey, audio, cancellationToken));
            }

            var raw = await client.GenerateAsync(GeminiPrompt.Build(input, part, o.Temperature), cancellationToken);
            return GeminiAnswer.Parse(raw);
        }
        finally
        {
            if (sharedKey is not null)
            {
                await storage.DeleteAsync(sharedKey, CancellationToken.None);
            }
        }
    }

    private async Task<Uri> ReadUrlAsync(string key, WindowAudio audio, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.GetReadUrlAsync(key, options.Value.Gemini.AudioUrlLifetime, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new RefinementBackendException(
                $"The window's audio ({ByteSize.Format(audio.Bytes)}) is over Refinement:Gemini:InlineAudioMaxBytes, so it must go by URL, and storage cannot give one: {e.Message}", inner: e);
        }
    }
}
