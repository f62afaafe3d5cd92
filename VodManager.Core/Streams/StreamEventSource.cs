namespace VodManager.Core.Streams;

public enum StreamEventSource
{
    EventsFile = 0,

    /// <summary>Derived from a Twitch system notice in the chat log (only when no events file covers it).</summary>
    ChatNotice = 1,
}
