using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace VodManager.Core.Refinement;

/// <summary>
/// POSTs one generateContent request. Timeouts, retries with back-off on 429/5xx and Retry-After come from the
/// resilience pipeline this typed client is registered with (<see cref="RefinementServiceCollectionExtensions"/>);
/// here every way the call can end badly becomes a <see cref="RefinementBackendException"/> that says which.
/// </summary>
public sealed class GeminiClient(HttpClient http, IOptions<RefinementOptions> options)
{
    /// <returns>The response body (the generateContent JSON).</returns>
    public async Task<string> GenerateAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var o = options.Value.Gemini;
        if (string.IsNullOrWhiteSpace(o.ApiKey))
        {
            throw new RefinementBackendException("Refinement:Gemini:ApiKey is empty: set the Gemini API key to use the gemini backend.");
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, $"{o.BaseUrl.TrimEnd('/')}/models/{o.Model}:generateContent")
        {
            Content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("x-goog-api-key", o.ApiKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new RefinementBackendException(
                $"Gemini did not answer in time ({o.AttemptTimeout.TotalSeconds:0.###} s per attempt, {o.MaxRetries + 1} attempts, {o.TotalTimeout.TotalSeconds:0.###} s in all).", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new RefinementBackendException($"Gemini could not be reached at {o.BaseUrl}: {e.Message}", inner: e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            var retried = response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500
                ? $" after {o.MaxRetries + 1} attempts"
                : "";
            throw new RefinementBackendException($"Gemini answered {(int)response.StatusCode} {response.ReasonPhrase}{retried}: {ErrorMessage(body)}", body);
        }
    }

    /// <summary>The API's own words from an error body ({"error": {"status", "message"}}), else the start of the body.</summary>
    private static string ErrorMessage(string body)
    {
        try
        {
            if (JsonNode.Parse(body)?["error"] is JsonObject error)
            {
                return $"{error["status"]?.GetValue<string>()} {error["message"]?.GetValue<string>()}".Trim();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not the API's error shape: show the body as it came.
        }

        return body.Length > 300 ? body[..300] : body;
    }
}
