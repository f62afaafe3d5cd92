using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Tests.Ingest;

namespace VodManager.Tests.Detection;

/// <summary>Per-second chat activity of a real log, whole or a stretch of it moved to start at 0 (a short stream).</summary>
internal static class RealChatExcerpt
{
    public static async Task<ChatActivity> LoadAsync(string log, double from = 0, double length = double.PositiveInfinity)
    {
        var activity = new ChatActivity(new ChatOptions());
        foreach (var line in await Parsers.ChatAsync(Parsers.RealChat(log), ChatReadMode.Signals))
        {
            if (line.OffsetSeconds >= from && line.OffsetSeconds < from + length)
            {
                activity.Add(line.OffsetSeconds - from, line.AuthorKey, line.Emotes, line.Shape, line.FromBot);
            }
        }

        return activity;
    }
}
