namespace Holler.Tests.Support;

/// <summary>
/// Waits for a condition on a live system, re-checking until it holds or the deadline passes; the failure message
/// says what was last seen. The await-assert of tests that drive whole nodes rather than single actors.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not reached within {timeout}: {describe(value)}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
