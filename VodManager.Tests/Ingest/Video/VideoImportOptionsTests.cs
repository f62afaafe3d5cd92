using System.ComponentModel.DataAnnotations;
using VodManager.Core.Ingest;

namespace VodManager.Tests.Ingest.Video;

public sealed class VideoImportOptionsTests
{
    [Theory]
    [InlineData(nameof(VideoImportOptions.UploadChunkBytes))]
    [InlineData(nameof(VideoImportOptions.UrlCheckpointBytes))]
    public void A_chunk_of_no_whole_number_of_mebibytes_is_refused_naming_the_setting(string name)
    {
        var options = new VideoImportOptions();
        typeof(VideoImportOptions).GetProperty(name)!.SetValue(options, (1 << 20) + 512);
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));

        var result = Assert.Single(results);
        Assert.Equal($"Import:{name} must be a multiple of 1048576 (1 MiB); it is 1049088.", result.ErrorMessage);
        Assert.Equal([name], result.MemberNames);
    }
}
