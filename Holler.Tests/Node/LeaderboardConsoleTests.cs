using Holler.Domain.Catalog;
using Holler.Domain.Surges;
using Holler.Host.Node;
using Holler.Leaderboard;

namespace Holler.Tests.Node;

public sealed class LeaderboardConsoleTests
{
    [Fact]
    public void A_business_missing_from_the_catalog_is_printed_by_its_id()
    {
        var catalog = BusinessCatalog.Synthetic(20, seed: 42);
        var known = catalog[3];
        var update = new LeaderboardUpdated(
        [
            new LeaderboardEntry(known.Id, 20, 400, 40, 10, 1_750_000_000_000, 1_750_000_060_000),
            new LeaderboardEntry("real-traffic-business", 12, 300, 50, 6, 1_750_000_000_000, 1_750_000_060_000),
        ], 2, 1_750_000_060_000, 1);

        var lines = LeaderboardConsole.Format(update, catalog).Split('\n');

        Assert.Contains(lines, l => l.StartsWith("  1  ") && l.Contains(known.Name[..Math.Min(known.Name.Length, 30)]));
        Assert.Contains(lines, l => l.StartsWith("  2  real-traffic-business "));
    }
}
