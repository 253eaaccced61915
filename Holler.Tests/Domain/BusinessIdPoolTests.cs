using System.Text;
using Holler.Domain;

namespace Holler.Tests.Domain;

public sealed class BusinessIdPoolTests
{
    [Fact]
    public void A_known_id_comes_back_as_the_same_instance()
    {
        var pool = new BusinessIdPool();

        var first = pool.Get("biz-42"u8);
        var again = pool.Get(Encoding.UTF8.GetBytes("biz-42"));

        Assert.Equal("biz-42", first);
        Assert.Same(first, again);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Ids_that_differ_only_in_non_ascii_letters_stay_apart()
    {
        var pool = new BusinessIdPool();

        var cafe = pool.Get(Encoding.UTF8.GetBytes("café-1"));
        var cafe2 = pool.Get(Encoding.UTF8.GetBytes("cafè-1"));

        Assert.Equal(("café-1", "cafè-1"), (cafe, cafe2));
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void Past_its_capacity_new_ids_are_still_right_but_not_kept()
    {
        var pool = new BusinessIdPool(capacity: 2);
        pool.Get("a"u8);
        pool.Get("b"u8);

        var c = pool.Get("c"u8);
        var cAgain = pool.Get("c"u8);

        Assert.Equal(("c", "c"), (c, cAgain));
        Assert.NotSame(c, cAgain);
        Assert.Equal(2, pool.Count);
        Assert.Same(pool.Get("a"u8), pool.Get("a"u8));
    }

    [Theory]
    [InlineData('x', 1)]
    [InlineData('é', 2)]
    public void The_longest_accepted_id_is_pooled_whole(char letter, int bytesPerLetter)
    {
        var pool = new BusinessIdPool();
        var longest = new string(letter, TrafficEventParser.MaxBusinessIdBytes / bytesPerLetter);
        var utf8 = Encoding.UTF8.GetBytes(longest);

        var id = pool.Get(utf8);

        Assert.Equal(longest, id);
        Assert.Same(id, pool.Get(utf8));
    }

    [Fact]
    public void Threads_asking_for_the_same_ids_at_once_all_get_one_instance_per_id()
    {
        var pool = new BusinessIdPool();
        var ids = Enumerable.Range(0, 100_000).Select(i => Encoding.UTF8.GetBytes($"biz-{i}")).ToArray();
        var threads = 4;
        using var start = new Barrier(threads);
        var seen = new string[threads][];

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            // Each thread walks the ids from another place, so first sightings collide.
            seen[t] = new string[ids.Length];
            for (var k = 0; k < ids.Length; k++)
            {
                var i = (k + t * ids.Length / threads) % ids.Length;
                seen[t][i] = pool.Get(ids[i]);
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        // A set that is not thread-safe can loop for ever once concurrent adds corrupt it: fail rather than hang.
        Assert.All(workers, w => Assert.True(w.Join(TimeSpan.FromMinutes(1)), "a thread never finished its lookups"));

        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal($"biz-{i}", seen[0][i]);
            for (var t = 1; t < threads; t++) Assert.Same(seen[0][i], seen[t][i]);
        }
        Assert.Equal(ids.Length, pool.Count);
    }
}
