using System.Net.Http.Json;
using Akka.Cluster;
using Holler.Host.Configuration;
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

    /// <summary>Where the alert channels <c>ops</c> and <c>pager</c> point: it answers 410 Gone, a refusal for good, so each
    /// notification to them is dead-lettered after one attempt.</summary>
    public WebhookReceiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync(ChannelSecret);
        Receiver.Status = GoneStatus;
        A = await TestNodes.StartAsync(TestNodes.Config(Broker.BootstrapServers, NewDir(), businesses: 200, o =>
        {
            o.Roles = "ingest,tracker,leaderboard";
            AddChannels(o);
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
            AddChannels(o);
        }));

    private const string ChannelSecret = "whsec_operator-tests";
    private const int GoneStatus = 410;

    /// <summary>Rules name channels, and a rule naming one the node does not know is refused.</summary>
    private void AddChannels(HollerOptions o)
    {
        o.Alerts.AllowPrivateTargets = true;
        foreach (var name in new[] { "ops", "pager" })
            o.Alerts.Channels[name] = new AlertChannelOptions { Kind = "webhook", Url = Receiver.Url, Secret = ChannelSecret };
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
        if (Receiver is not null) await Receiver.DisposeAsync();
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
