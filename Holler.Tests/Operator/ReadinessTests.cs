using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Holler.Host.Operator.Api;
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
}
