using VodManager.Core.Detection;

namespace VodManager.Tests.Detection;

public sealed class AuthorCooldownsTests
{
    [Fact]
    public void Every_author_keeps_its_own_time_through_growth_collisions_and_the_zero_key()
    {
        var table = new AuthorCooldowns();
        // Keys that share their top bits land on one home slot; the zero key marks empty slots and is kept apart.
        var keys = Enumerable.Range(0, 50_000).Select(i => (ulong)i << 40).Concat(Enumerable.Range(1, 50_000).Select(i => (ulong)i * 0x9E37_79B9_7F4A_7C15UL)).ToList();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            ref var at = ref table.Last(key, out var seen);
            Assert.False(seen, $"key {key} seen before it was added");
            at = i + 0.5;
        }

        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            Assert.Equal(i + 0.5, table.Last(key, out var seen));
            Assert.True(seen);
        }
    }
}
