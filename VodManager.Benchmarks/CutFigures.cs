namespace VodManager.Benchmarks;

#pragma warning disable IDE1006 // The names are the JSON keys the issue asks for.

/// <summary>The cut benchmark's figures, serialized as its last line.</summary>
public sealed record CutFigures(
    long clip_bytes,
    long bytes_read_per_clip,
    double read_ratio,
    int batch_clips,
    long batch_bytes_read,
    long source_bytes,
    double batch_wall_s,
    double blob_baseline_wall_s,
    double local_batch_wall_s,
    double ffmpeg_cli_wall_s,
    double smart_max_error_frames,
    double smart_wall_s,
    double reencode_wall_s);
