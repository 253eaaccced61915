using Holler.Generation;
using Holler.Host.Configuration;
using Holler.Host.Node;
using Holler.Tests.Support;
using Holler.Web.Feed;
using Microsoft.Extensions.DependencyInjection;

namespace Holler.Tests.Web;

/// <summary>
/// A dev node as <c>holler run</c> starts it — embedded broker, built-in generator, every role, the dashboard — with a
/// small catalog, and the generator starting 90 s in the past replayed 10× fast, so baselines are warm and the first
/// injected surges are on the leaderboard seconds after start instead of minutes.
/// </summary>
public sealed class DevNodeFixture : IAsyncLifetime
{
    private readonly TempDir _data = new();

    public HollerNode Node { get; private set; } = null!;

    public Uri Dashboard => Node.Endpoints.DashboardUrl!;

    public ClusterFeed Feed => Node.Services.GetRequiredService<ClusterFeed>();

    public string TruthPath => Path.Combine(_data.Path, "truth.jsonl");

    /// <summary>Businesses the generator has made surge so far (its ground truth, written as each surge starts).</summary>
    public IReadOnlyList<SurgeTruth> InjectedSurges() =>
        File.Exists(TruthPath) ? SurgeTruth.ReadAll(new StringReader(ReadShared(TruthPath))) : [];

    public async ValueTask InitializeAsync()
    {
        var config = TestNodes.Config("", _data.Path, businesses: 2_000, o =>
        {
            WithWarmSurgingTraffic(o);
            o.Generator.TruthFile = TruthPath;
        });
        Node = await TestNodes.StartAsync(config);
    }

    /// <summary>The built-in generator with its last 90 s replayed fast, so baselines are warm and surges reach the
    /// dashboard within seconds of start, and a new one starts every 12 s.</summary>
    public static void WithWarmSurgingTraffic(HollerOptions o)
    {
        o.Generator.Enabled = true;
        o.Generator.Rate = 300;
        o.Generator.BackfillSeconds = 90;
        o.Generator.FirstSurgeAfterSeconds = 70;
        o.Generator.SurgeEverySeconds = 12;
        o.Generator.SurgeDurationSeconds = 150;
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _data.Dispose();
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
