using System.Security.Cryptography;

namespace VodManager.Tests.Fixtures;

public sealed class RealChatFixtureTests
{
    [Theory]
    [InlineData("liihs_vod955629991_v5.json", "9e18fb6332f26c4985c5f6d1bb01a1ecbeaf5a7d1d2269a89bd7e04ea1d4cb03")]
    [InlineData("liihs_vod963184458_v5.json", "602c237668a5c57458505bbeecc0fd261d4c1451f44be45b5f92eca429f344a6")]
    public async Task The_unpacked_real_logs_are_the_original_bytes(string name, string sha256)
    {
        await using var file = File.OpenRead(Path.Combine(RepoPaths.SharedData, "real", name));
        Assert.Equal(sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(file)));
    }
}
