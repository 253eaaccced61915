using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Holler.Host.Node;
using Holler.Tests.Support;

namespace Holler.Tests.MultiNode;

/// <summary>
/// A production-shaped cluster on loopback, each part its own process: <c>holler kafka-dev</c> as the broker, three
/// <c>holler run</c> nodes (ingest, tracker, leaderboard) sharing one PostgreSQL journal, and this test process joined
/// as a fourth node with only the web role, from where it reads trackers and the leaderboard as the dashboard would.
/// </summary>
public sealed class CrashCluster : IAsyncDisposable
{
    public const int Businesses = 300;
    public const string NodeRoles = "ingest,tracker,leaderboard";

    /// <summary>Short enough that a delivery stuck on a dead node is re-sent soon after its shards moved.</summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(5);

    private readonly ITestOutputHelper _output;
    private readonly HollerProcess _broker;
    private readonly PostgresDatabase _database;
    private readonly TempDir _data;

    private CrashCluster(ITestOutputHelper output, HollerProcess broker, string bootstrap, PostgresDatabase database, TempDir data,
        IReadOnlyList<Node> nodes, HollerNode web)
    {
        _output = output;
        _broker = broker;
        Bootstrap = bootstrap;
        _database = database;
        _data = data;
        Nodes = nodes;
        Web = web;
    }

    public sealed record Node(HollerProcess Process, Address Address);

    public string Bootstrap { get; }
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>The test's own node: web role only, so it hosts no tracker and no leaderboard.</summary>
    public HollerNode Web { get; }

    public Akka.Cluster.Cluster WebCluster => Akka.Cluster.Cluster.Get(Web.System);

    /// <param name="settings">Extra <c>--set</c> settings for every node process (KEY=VALUE).</param>
    public static async Task<CrashCluster> StartAsync(ITestOutputHelper output, IReadOnlyList<string>? settings = null)
    {
        var broker = HollerProcess.Start("broker", ["kafka-dev"]);
        PostgresDatabase? database = null;
        TempDir? data = null;
        var nodes = new List<Node>();
        try
        {
            var bootstrap = (await broker.FirstStdoutLine.WaitAsync(TimeSpan.FromSeconds(60))).Trim();
            database = PostgresServer.CreateDatabase(maxPoolSize: null);
            data = new TempDir();
            var ports = FreePorts(3);
            var seed = $"akka.tcp://holler@127.0.0.1:{ports[0]}";
            for (var i = 0; i < ports.Length; i++)
            {
                var name = $"node{i + 1}";
                var process = HollerProcess.Start(name,
                [
                    "run", "--roles", NodeRoles, "--port", ports[i].ToString(), "--seed-nodes", seed,
                    "--kafka", bootstrap, "--generator", "false", "--businesses", Businesses.ToString(),
                    "--persistence", "postgres", "--data", Path.Combine(data.Path, name), "--operator-port", "0",
                    // The embedded broker ignores LeaveGroup: a dead consumer's partitions wait out its session (see
                    // docs/architecture.md#the-embedded-kafka-broker).
                    "--set", "Kafka:SessionTimeoutMs=6000",
                    "--set", "Leaderboard:Console=false",
                    "--set", "Ingest:BatchDelayMs=100",
                    "--set", $"Ingest:AckTimeoutMs={(int)AckTimeout.TotalMilliseconds}",
                    // Snapshots as well as journal replay are exercised when trackers move.
                    "--set", "Tracker:SnapshotEvery=10",
                    .. (settings ?? []).SelectMany(s => new[] { "--set", s }),
                ], new Dictionary<string, string> { ["HOLLER_PERSISTENCE__CONNECTIONSTRING"] = database.ConnectionString });
                nodes.Add(new Node(process, new Address("akka.tcp", "holler", "127.0.0.1", ports[i])));
            }
            foreach (var node in nodes)
                await node.Process.WaitForLineAsync(l => l.StartsWith("Holler node up"), TimeSpan.FromMinutes(2), "start-up banner");

            var web = await TestNodes.StartAsync(TestNodes.Config(bootstrap, Path.Combine(data.Path, "web"), Businesses, o =>
            {
                o.Roles = "web";
                o.Cluster.SeedNodes = seed;
            }));
            var cluster = new CrashCluster(output, broker, bootstrap, database, data, nodes, web);
            await cluster.AwaitMembersUpAsync(4, TimeSpan.FromMinutes(1));
            return cluster;
        }
        catch
        {
            foreach (var node in nodes)
            {
                output.WriteLine(node.Process.Tail());
                await node.Process.DisposeAsync();
            }
            await broker.DisposeAsync();
            database?.Dispose();
            data?.Dispose();
            throw;
        }
    }

    public Task AwaitMembersUpAsync(int count, TimeSpan timeout) =>
        Eventually.Until(
            () => Task.FromResult(WebCluster.State.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address).ToList()),
            up => up.Count == count && WebCluster.State.Unreachable.Count == 0,
            timeout,
            up => $"{up.Count} members up ({string.Join(", ", up)}), {WebCluster.State.Unreachable.Count} unreachable");

    /// <summary>The oldest member with the leaderboard role: where the singleton runs.</summary>
    public Address? OldestLeaderboardNode() => OldestNodeWith("leaderboard");

    /// <summary>The oldest member with <paramref name="role"/>: where a singleton for that role runs.</summary>
    public Address? OldestNodeWith(string role) =>
        WebCluster.State.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(role))
            .OrderBy(m => m, Akka.Cluster.Member.AgeOrdering)
            .Select(m => m.Address)
            .FirstOrDefault();

    public void Log(string line) => _output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");

    public void PrintTails(int lines = 25)
    {
        foreach (var node in Nodes) _output.WriteLine(node.Process.Tail(lines));
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return listener;
        }).ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners) listener.Stop();
        return ports;
    }

    public async ValueTask DisposeAsync()
    {
        try { await Web.DisposeAsync(); }
        catch (Exception e) { _output.WriteLine($"web node stop: {e.Message}"); }
        foreach (var node in Nodes) await node.Process.DisposeAsync();
        await _broker.DisposeAsync();
        try { _database.Dispose(); }
        catch (Exception e) { _output.WriteLine($"dropping {_database.Name}: {e.Message}"); }
        _data.Dispose();
    }
}
