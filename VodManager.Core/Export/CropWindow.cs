namespace VodManager.Core.Export;

/// <summary>A rectangle of the source frame, in pixels.</summary>
public readonly record struct CropWindow(int Width, int Height, int Left, int Top);
