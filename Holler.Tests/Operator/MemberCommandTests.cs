using Akka.Cluster;
using Holler.Host.Node;
using Holler.Tests.Support;

namespace Holler.Tests.Operator;

/// <summary><c>holler cluster leave|down</c> on a two-node cluster, each test with its own, since both end a member.</summary>
public sealed class MemberCommandTests : IAsyncLifetime
{
    private readonly TempDir _dataA = new();
    private readonly TempDir _dataB = new();
    private HollerNode _a = null!;
    private HollerNode _b = null!;

    // No ingest role: these nodes never touch Kafka, so no broker is needed behind the address.
    private const string NoKafka = "127.0.0.1:9";

    public async ValueTask InitializeAsync()
    {
        _a = await TestNodes.StartAsync(TestNodes.Config(NoKafka, _dataA.Path, businesses: 10, o => o.Roles = "tracker,leaderboard"));
        _b = await TestNodes.StartAsync(TestNodes.Config(NoKafka, _dataB.Path, businesses: 10, o =>
        {
            o.Roles = "tracker";
            o.Cluster.SeedNodes = Cluster.Get(_a.System).SelfAddress.ToString();
        }));
        await OperatorCluster.AwaitUpAsync(_a, 2);
    }

    [Fact]
    public async Task Leave_makes_a_member_hand_off_and_leave_gracefully()
    {
        var addressB = OperatorCluster.Address(_b);

        var result = await HollerProcess.RunAsync(["cluster", "leave", addressB, "--node", OperatorCluster.NodeArg(_a)]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal($"Leave requested for {addressB} (was up): it hands off its shards, then leaves.", result.Stdout.Trim());
        await AwaitGoneAsync(addressB);
        // A member that left stops its own node: the same path as holler run's "left the cluster" exit.
        await Eventually.Until(() => Task.FromResult(_b.Stopping.IsCancellationRequested), stopping => stopping, TimeSpan.FromSeconds(60), _ => "B still running");
    }

    [Fact]
    public async Task Down_removes_a_member_at_once_and_host_port_is_enough_to_name_it()
    {
        var addressB = Cluster.Get(_b.System).SelfAddress;

        var result = await HollerProcess.RunAsync(["cluster", "down", $"{addressB.Host}:{addressB.Port}", "--json", "--node", OperatorCluster.NodeArg(_a)]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"\"action\": \"down\"", result.Stdout);
        Assert.Contains($"\"address\": \"{addressB}\"", result.Stdout);
        await AwaitGoneAsync(addressB.ToString());
        await Eventually.Until(() => Task.FromResult(_b.Stopping.IsCancellationRequested), stopping => stopping, TimeSpan.FromSeconds(60), _ => "B still running");
    }

    private Task AwaitGoneAsync(string address) =>
        Eventually.Until(() => Task.FromResult(Cluster.Get(_a.System).State.Members.Select(m => m.Address.ToString()).ToList()),
            members => !members.Contains(address) && members.Count == 1, TimeSpan.FromSeconds(60),
            members => $"members on A: {string.Join(", ", members)}");

    public async ValueTask DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        _dataA.Dispose();
        _dataB.Dispose();
    }
}
