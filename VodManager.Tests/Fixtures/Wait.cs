namespace VodManager.Tests.Fixtures;

/// <summary>Waits on a condition, never on a clock: a loaded machine makes a test slower, not wrong.</summary>
public static class Wait
{
    public static Task UntilAsync(Func<bool> condition, string failure, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), failure, timeout);

    public static async Task UntilAsync(Func<Task<bool>> condition, string failure, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}
