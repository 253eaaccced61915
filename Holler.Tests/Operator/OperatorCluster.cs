using Holler.Host.Configuration;
using System.Net.Http.Json;
using Akka.Cluster;
using Holler.Host.Node;
using Holler.Host.Operator.Api;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.Operator;

/// <summary>
/// A two-node cluster for the operator commands: A runs ingest, trackers and the leaderboard; B, seeded with A's actual
/// cluster address, runs trackers. Shared by the tests of one class, which leave it as they found it.
/// </summary>
public sealed class OperatorCluster : IAsyncLifetime
{
    private readonly List<TempDir> _dirs = [];

    public EmbeddedKafka Broker { get; } = EmbeddedKafka.Start();
    public HollerNode A { get; private set; } = null!;
    public HollerNode B { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string AddressA => Address(A);
    public string AddressB => Address(B);

    /// <summary>--node for a node's operator endpoint.</summary>
    public static string NodeArg(HollerNode node) => $"127.0.0.1:{node.Endpoints.OperatorPort}";

    public static string Address(HollerNode node) => Cluster.Get(node.System).SelfAddress.ToString();

    public async ValueTask InitializeAsync()
    {
        A = await TestNodes.StartAsync(TestNodes.Config(Broker.BootstrapServers, NewDir(), businesses: 200, o =>
        {
            o.Roles = "ingest,tracker,leaderboard";
            WithAlertChannels(o);
        }));
        B = await JoinAsync("tracker");
        await AwaitUpAsync(A, 2);
        await AwaitUpAsync(B, 2);
    }

    /// <summary>Starts another node seeded with A's cluster address (as <c>Cluster.Get(system).SelfAddress</c> gives it).</summary>
    public Task<HollerNode> JoinAsync(string roles) =>
        TestNodes.StartAsync(TestNodes.Config(Broker.BootstrapServers, NewDir(), businesses: 200, o =>
        {
            o.Roles = roles;
            o.Cluster.SeedNodes = AddressA;
            WithAlertChannels(o);
        }));

    /// <summary>The channels the alerts commands' rules name. Rules are checked against the configured channels; nothing
    /// listens at these addresses, and these tests look at rules and alerts, not at what is delivered.</summary>
    private static void WithAlertChannels(HollerOptions o)
    {
        o.Alerts.AllowPrivateTargets = true;
        foreach (var name in new[] { "ops", "pager" })
            o.Alerts.Channels[name] = new AlertChannelOptions { Kind = "webhook", Url = $"http://127.0.0.1:9/{name}", Secret = "operator-cluster-secret" };
    }

    /// <summary>Stops a node that joined with <see cref="JoinAsync"/> and waits until A and B see only each other again.</summary>
    public async Task LeaveAsync(HollerNode node)
    {
        await node.DisposeAsync();
        foreach (var remaining in new[] { A, B })
            await Eventually.Until(() => Task.FromResult(Cluster.Get(remaining.System).State.Members.Count), n => n == 2,
                TimeSpan.FromSeconds(60), n => $"{n} members, waiting for 2");
    }

    /// <summary>Waits until <paramref name="node"/> sees <paramref name="count"/> members Up.</summary>
    public static Task AwaitUpAsync(HollerNode node, int count) =>
        Eventually.Until(() => Task.FromResult(Cluster.Get(node.System).State.Members.Count(m => m.Status == MemberStatus.Up)),
            up => up == count, TimeSpan.FromSeconds(60), up => $"{up} members Up, waiting for {count}");

    public async Task<ClusterView> ClusterViewAsync(HollerNode node) =>
        (await Http.GetFromJsonAsync<ClusterView>(new Uri(node.Endpoints.OperatorUrl, "/api/cluster"), OperatorJson.Options))!;

    private string NewDir()
    {
        var dir = new TempDir();
        _dirs.Add(dir);
        return dir.Path;
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        Http.Dispose();
        Broker.Dispose();
        foreach (var dir in _dirs) dir.Dispose();
    }
}

/// <summary>The operator tests that share one <see cref="OperatorCluster"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OperatorClusterCollection : ICollectionFixture<OperatorCluster>
{
    public const string Name = "operator cluster";
}
