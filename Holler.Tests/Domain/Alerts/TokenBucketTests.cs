using Holler.Domain.Alerts;

namespace Holler.Tests.Domain.Alerts;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_full_bucket_allows_its_capacity_at_once_then_refills_evenly_over_a_minute()
    {
        var bucket = new TokenBucket(perMinute: 3, nowMs: 0);

        Assert.True(bucket.TryTake(0));
        Assert.True(bucket.TryTake(0));
        Assert.True(bucket.TryTake(0));
        Assert.False(bucket.TryTake(0));
        Assert.False(bucket.TryTake(19_999));
        Assert.True(bucket.TryTake(20_000));
        Assert.False(bucket.TryTake(20_000));
        // Never more than the capacity, however long it waited.
        Assert.True(bucket.TryTake(3_600_000));
        Assert.True(bucket.TryTake(3_600_000));
        Assert.True(bucket.TryTake(3_600_000));
        Assert.False(bucket.TryTake(3_600_000));
    }
}
