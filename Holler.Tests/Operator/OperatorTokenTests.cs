using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Akka.Cluster;
using Holler.Host.Node;
using Holler.Host.Operator.Api;
using Holler.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Holler.Tests.Operator;

/// <summary>The operator token: /api and /metrics refuse a missing or wrong one (401, logged without the value), health
/// stays open for probes, the CLI exits 4; a node bound beyond loopback refuses to start without a token.</summary>
public sealed class OperatorTokenTests : IAsyncLifetime
{
    private const string Token = "t0ken-for-tests-7f3a";
    private readonly TempDir _data = new();
    private readonly LogRecorder _logs = new();
    private HollerNode _node = null!;

    public async ValueTask InitializeAsync()
    {
        var config = TestNodes.Config("127.0.0.1:9", _data.Path, businesses: 10, o =>
        {
            o.Roles = "tracker,leaderboard";
            o.Operator.Token = Token;
        });
        Assert.Null(await Holler.Host.Configuration.PersistenceCheck.VerifyAsync(config));
        _node = await HollerNode.StartAsync(config, logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Information));
        await OperatorCluster.AwaitUpAsync(_node, 1);
    }

    [Fact]
    public async Task Api_and_metrics_refuse_a_missing_or_wrong_token_with_401_and_a_warning_without_the_value()
    {
        var token = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = _node.Endpoints.OperatorUrl };
        var self = OperatorCluster.Address(_node);

        var none = await http.GetAsync("/api/cluster", token);
        var wrong = await Send(HttpMethod.Get, "/api/cluster", "Bearer not-" + Token);
        var basic = await Send(HttpMethod.Get, "/api/cluster", "Basic " + Convert.ToBase64String("ops:pw"u8.ToArray()));
        var metrics = await http.GetAsync("/metrics", token);
        // A command that would change the cluster is refused before it runs.
        var down = await http.PostAsJsonAsync("/api/cluster/down", new MemberRequest(self), OperatorJson.Options, token);

        Assert.All([none, wrong, basic, metrics, down], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("unauthorized: wrong bearer token", (await wrong.Content.ReadFromJsonAsync<ApiError>(OperatorJson.Options, token))!.Error);
        Assert.Equal(MemberStatus.Up, Cluster.Get(_node.System).SelfMember.Status);

        var right = await Send(HttpMethod.Get, "/api/cluster", "Bearer " + Token);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var scraped = await Send(HttpMethod.Get, "/metrics", "Bearer " + Token);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        // Probes carry no credentials.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live", token)).StatusCode);
        Assert.Contains((await http.GetAsync("/healthz/ready", token)).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });

        var refusals = _logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Refused operator request")).ToList();
        Assert.Equal(5, refusals.Count);
        Assert.Contains(refusals, e => e.Message == "Refused operator request GET /api/cluster from 127.0.0.1: no bearer token");
        Assert.Contains(refusals, e => e.Message == "Refused operator request GET /api/cluster from 127.0.0.1: wrong bearer token");
        Assert.Contains(refusals, e => e.Message == "Refused operator request POST /api/cluster/down from 127.0.0.1: no bearer token");
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains(Token));

        Task<HttpResponseMessage> Send(HttpMethod method, string path, string authorization)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
            return http.SendAsync(request, token);
        }
    }

    [Fact]
    public async Task The_cli_exits_4_on_a_refused_token_and_takes_the_token_from_the_environment()
    {
        var node = OperatorCluster.NodeArg(_node);

        var missing = await HollerProcess.RunAsync(["cluster", "show", "--node", node]);
        var wrong = await HollerProcess.RunAsync(["cluster", "show", "--node", node, "--token", "nope"]);
        var fromEnvironment = await HollerProcess.RunAsync(["cluster", "show", "--node", node],
            environment: new Dictionary<string, string> { ["HOLLER_OPERATOR__TOKEN"] = Token });
        var fromFlag = await OperatorCli.RunAsync(["sharding", "regions", "--node", node, "--token", Token]);

        Assert.Equal(4, missing.ExitCode);
        Assert.Equal($"holler: {node} refused the operator token (HTTP 401); it needs one: --token or HOLLER_OPERATOR__TOKEN", missing.Stderr.Trim());
        Assert.Equal(4, wrong.ExitCode);
        Assert.Equal($"holler: {node} refused the operator token (HTTP 401); check --token or HOLLER_OPERATOR__TOKEN", wrong.Stderr.Trim());
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.Stderr);
        Assert.Contains("Count: 1 nodes", fromEnvironment.Stdout);
        Assert.True(fromFlag.ExitCode == 0, fromFlag.Stderr);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public async Task A_node_bound_beyond_loopback_refuses_to_start_without_a_token(string hostname)
    {
        var result = await HollerProcess.RunAsync(["run", "--set", $"Operator:Hostname={hostname}"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"holler: Operator:Token: required when Operator:Hostname ({hostname}) is beyond loopback; set HOLLER_OPERATOR__TOKEN",
            result.Stderr.Trim());
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        _data.Dispose();
    }
}
