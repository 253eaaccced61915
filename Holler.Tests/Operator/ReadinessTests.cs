using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Holler.Host.Operator;
using Holler.Host.Operator.Api;
using Microsoft.Data.Sqlite;
using Holler.Tests.Support;

namespace Holler.Tests.Operator;

/// <summary>/healthz/ready says which check failed, with 503, while /healthz/live still answers.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task An_ingest_node_whose_kafka_does_not_answer_is_live_but_not_ready_and_says_kafka()
    {
        var token = TestContext.Current.CancellationToken;
        using var data = new TempDir();
        // A port nothing listens on: the broker is down.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var node = await TestNodes.StartAsync(TestNodes.Config($"127.0.0.1:{deadPort}", data.Path, businesses: 10,
            o => o.Roles = "ingest,tracker,leaderboard"));
        using var http = new HttpClient { BaseAddress = node.Endpoints.OperatorUrl };

        // Up in the cluster and the journal writable, so Kafka is the only check that fails.
        var (status, health) = await Eventually.Until(async () =>
            {
                var response = await http.GetAsync("/healthz/ready", token);
                return (response.StatusCode, (await response.Content.ReadFromJsonAsync<HealthView>(OperatorJson.Options, token))!);
            },
            r => r.Item2.Checks.Where(c => c.Name != "kafka").All(c => c.Ok) && r.Item2.Checks.Single(c => c.Name == "kafka").Detail != "not checked yet",
            TimeSpan.FromSeconds(60), r => string.Join("; ", r.Item2.Checks.Select(c => $"{c.Name} {c.Ok} {c.Detail}")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not-ready", health.Status);
        Assert.Equal(["kafka"], health.Failed);
        var kafka = health.Checks.Single(c => c.Name == "kafka");
        Assert.False(kafka.Ok);
        Assert.StartsWith($"Kafka at 127.0.0.1:{deadPort}: ", kafka.Detail);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live", token)).StatusCode);
    }

    [Fact]
    public async Task The_SQLite_check_answers_while_the_journal_holds_the_write_lock_and_does_not_take_it()
    {
        var token = TestContext.Current.CancellationToken;
        using var data = new TempDir();
        var cs = $"Data Source={Path.Combine(data.Path, "journal.db")};Pooling=False";
        await using var writer = new SqliteConnection(cs);
        await writer.OpenAsync(token);
        await using (var setup = writer.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE journal (x INTEGER);";
            await setup.ExecuteNonQueryAsync(token);
        }
        await using var hold = writer.CreateCommand();
        hold.CommandText = "BEGIN IMMEDIATE; INSERT INTO journal VALUES (1);";
        await hold.ExecuteNonQueryAsync(token);

        // The journal is mid-transaction: a check that wanted the write lock would wait for it (and then fail).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var check = await ReadinessMonitor.CheckSqliteAsync(cs, timeout.Token);
        Assert.True(check.Ok, check.Detail);
        Assert.Equal("SQLite journal writable", check.Detail);

        // And the writer still has its lock and can commit: the check did not take or disturb it.
        await using var commit = writer.CreateCommand();
        commit.CommandText = "INSERT INTO journal VALUES (2); COMMIT;";
        await commit.ExecuteNonQueryAsync(token);
    }

    [Fact]
    public async Task A_read_only_SQLite_journal_is_not_ready_and_says_so()
    {
        var token = TestContext.Current.CancellationToken;
        using var data = new TempDir();
        var path = Path.Combine(data.Path, "journal.db");
        await using (var create = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await create.OpenAsync(token);
            await using var command = create.CreateCommand();
            command.CommandText = "CREATE TABLE journal (x INTEGER);";
            await command.ExecuteNonQueryAsync(token);
        }

        // What SQLite falls back to when the file cannot be written (tests run as root, which chmod does not stop).
        var check = await ReadinessMonitor.CheckSqliteAsync($"Data Source={path};Mode=ReadOnly;Pooling=False", token);
        Assert.False(check.Ok);
        Assert.Contains("read-only", check.Detail);
    }
}
