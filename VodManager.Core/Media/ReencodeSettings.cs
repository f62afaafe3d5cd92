namespace VodManager.Core.Media;

/// <summary>How re-encoded video and audio are made: x264 preset and CRF, AAC bitrate.</summary>
public sealed record ReencodeSettings(string Preset, int Crf, int AudioKbps);
