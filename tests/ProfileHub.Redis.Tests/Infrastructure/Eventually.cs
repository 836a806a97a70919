namespace ProfileHub.Redis.Tests.Infrastructure;

/// <summary>Polls a condition with a deadline, for state that changes in the background (reconnects).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not true within {within}: {what}");
            }

            await Task.Delay(10);
        }
    }

    public static async Task SucceedsAsync(Func<Task> action, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
            catch (RedisException ex)
            {
                throw new TimeoutException($"Did not succeed within {within}: {what}", ex);
            }
        }
    }
}
