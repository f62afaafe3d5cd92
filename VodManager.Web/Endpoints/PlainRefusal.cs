namespace VodManager.Web.Endpoints;

/// <summary>A refusal of a download or media request as plain text, which a browser shows as it is.</summary>
internal static class PlainRefusal
{
    // A body keeps the status-code pages middleware from re-executing the refusal as an HTML page.
    public static async Task WriteAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }
}
