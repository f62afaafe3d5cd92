namespace VodManager.Benchmarks;

#pragma warning disable IDE1006 // The names are the JSON keys the issue asks for.

/// <summary>
/// The cut benchmark's figures, serialized as its last line; a part left out with `--only` is null. The local batch's
/// walls and CPU seconds are medians over its rounds, with the spread of the walls (min, max).
/// </summary>
public sealed record CutFigures(
    long? clip_bytes,
    long? bytes_read_per_clip,
    double? read_ratio,
    int batch_clips,
    long? batch_bytes_read,
    long? source_bytes,
    double? batch_wall_s,
    double? blob_baseline_wall_s,
    int? local_rounds,
    double? local_batch_wall_s,
    double? ffmpeg_cli_wall_s,
    double? local_round_ratio_median,
    double? local_batch_wall_min_s,
    double? local_batch_wall_max_s,
    double? ffmpeg_cli_wall_min_s,
    double? ffmpeg_cli_wall_max_s,
    double? local_batch_cpu_s,
    double? local_batch_own_cpu_s,
    double? ffmpeg_cli_cpu_s,
    double? smart_max_error_frames,
    double? smart_wall_s,
    double? reencode_wall_s,
    long? blob_smart_bytes_read,
    double? blob_smart_wall_s);
