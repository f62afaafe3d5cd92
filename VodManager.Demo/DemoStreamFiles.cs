namespace VodManager.Demo;

/// <summary>The generated demo stream's files.</summary>
public sealed record DemoStreamFiles(string Video, string Chat, string Events, string Transcript, double DurationSeconds);
