using Holler.Domain;
using Holler.Domain.Dimensions;

namespace Holler.Tests.Domain.Dimensions;

public class HyperLogLogTests
{
    private static ulong User(int i) => EventHash.Of(System.Text.Encoding.UTF8.GetBytes($"u-{i}"));

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1_000)]
    [InlineData(50_000)]
    public void Estimates_fall_within_three_standard_errors(int distinct)
    {
        Span<byte> registers = stackalloc byte[64];
        registers.Clear();
        // Each user twice: repeats must not count.
        for (var round = 0; round < 2; round++)
            for (var i = 0; i < distinct; i++)
                HyperLogLog.Add(registers, User(i));

        var error = Math.Abs(HyperLogLog.Estimate(registers) - distinct) / distinct;

        Assert.True(error <= 3 * HyperLogLog.StandardError(64), $"{distinct}: off by {error:P1}");
    }

    [Fact]
    public void Errors_over_many_sets_match_the_documented_standard_error()
    {
        // 200 disjoint sets of 5,000 users: the root-mean-square relative error is the standard error, 13% at 64
        // registers; allow 30% slack for the sample of 200.
        var squares = 0.0;
        for (var set = 0; set < 200; set++)
        {
            var registers = new byte[64];
            for (var i = 0; i < 5_000; i++) HyperLogLog.Add(registers, User(set * 5_000 + i));
            var relative = (HyperLogLog.Estimate(registers) - 5_000) / 5_000;
            squares += relative * relative;
        }

        Assert.InRange(Math.Sqrt(squares / 200), 0.5 * DistinctUsers.StandardError, 1.3 * DistinctUsers.StandardError);
    }

    [Fact]
    public void A_merge_is_the_union()
    {
        var a = new byte[64];
        var b = new byte[64];
        for (var i = 0; i < 3_000; i++) HyperLogLog.Add(a, User(i));
        for (var i = 2_000; i < 5_000; i++) HyperLogLog.Add(b, User(i));
        HyperLogLog.Merge(a, b);

        Assert.InRange(HyperLogLog.Estimate(a), 5_000 * (1 - 3 * 0.13), 5_000 * (1 + 3 * 0.13));
    }

    [Fact]
    public void Windows_forget_users_older_than_their_length()
    {
        var users = new DistinctUsers();
        const long t0 = 1_750_000_000;
        // 300 users in the first minute, 30 others in a half minute 55 minutes later.
        for (var i = 0; i < 300; i++) users.Add(t0 + i % 60, User(i));
        for (var i = 0; i < 30; i++) users.Add(t0 + 3_300 + i, User(10_000 + i));

        var (minute, five, hour) = users.Estimate(t0 + 3_330);

        Assert.InRange(minute, 30 * 0.7, 30 * 1.3);
        Assert.InRange(five, 30 * 0.7, 30 * 1.3);
        // The first minute's users fall in the hour's oldest 5-minute bucket only while it is in the window.
        Assert.InRange(hour, 330 * 0.6, 330 * 1.4);
        Assert.InRange(users.Estimate(t0 + 3_900).LastHour, 30 * 0.7, 30 * 1.3);
        Assert.Equal(0, users.Estimate(t0 + 10_000).LastMinute);
    }

    [Fact]
    public void Absent_users_are_not_counted()
    {
        var users = new DistinctUsers();
        users.Add(1_000, 0);
        Assert.Equal(0, users.Estimate(1_000).LastMinute);
    }
}
