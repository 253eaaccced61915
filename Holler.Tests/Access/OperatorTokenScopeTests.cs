using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Holler.Host.Configuration;
using Holler.Host.Node;
using Holler.Host.Operator;
using Holler.Tests.Operator;
using Holler.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Holler.Tests.Access;

/// <summary>
/// Named operator tokens with scopes, from a settings file the node watches: a read token reads and changes nothing
/// (403), a write token passes where changes are made but not cluster commands, an operator token runs them; the old
/// single Operator:Token still does everything; a token revoked or added in the file counts without a restart.
/// </summary>
public sealed class OperatorTokenScopeTests : IAsyncLifetime
{
    private const string Legacy = "legacy-token-for-tests-31c9";
    private static readonly string Reader = OperatorTokens.Generate();
    private static readonly string Writer = OperatorTokens.Generate();
    private static readonly string Ops = OperatorTokens.Generate();
    private static readonly string Late = OperatorTokens.Generate();
    private static readonly TimeSpan Reloads = TimeSpan.FromSeconds(30);

    private readonly TempDir _data = new();
    private string SettingsFile => Path.Combine(_data.Path, "holler.json");
    private HollerNode _node = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void WriteSettings(params (string Name, string Token, string Scopes)[] tokens)
    {
        var entries = new JsonObject();
        foreach (var (name, token, scopes) in tokens) entries[name] = new JsonObject { ["Hash"] = OperatorTokens.HashOf(token), ["Scopes"] = scopes };
        // Written whole to a new file and moved over the old one, as editors do, so the node never reads half of it.
        var next = SettingsFile + ".next";
        File.WriteAllText(next, new JsonObject { ["Operator"] = new JsonObject { ["Tokens"] = entries } }.ToJsonString());
        File.Move(next, SettingsFile, overwrite: true);
    }

    public async ValueTask InitializeAsync()
    {
        WriteSettings(("reader", Reader, "read"), ("writer", Writer, "write"), ("ops", Ops, "operator"));
        var (config, errors) = SettingsLoader.Load(SettingsFile, new Dictionary<string, string?>
        {
            ["Roles"] = "tracker,leaderboard",
            ["DataDir"] = _data.Path,
            ["Kafka:Bootstrap"] = "127.0.0.1:9",
            ["Generator:Enabled"] = "false",
            ["Catalog:Businesses"] = "10",
            ["Leaderboard:Console"] = "false",
            ["Web:Port"] = "0",
            ["Operator:Port"] = "0",
            ["Operator:Token"] = Legacy,
            // A channel for the alert rule the write token adds; nothing listens there, and nothing fires here.
            ["Alerts:AllowPrivateTargets"] = "true",
            ["Alerts:Channels:ops:Kind"] = "webhook",
            ["Alerts:Channels:ops:Url"] = "http://127.0.0.1:9/hook",
            ["Alerts:Channels:ops:Secret"] = "token-scope-test-secret",
        }, watch: true);
        Assert.Empty(errors);
        Assert.NotNull(config!.LiveSettings);
        _node = await TestNodes.StartAsync(config);
        await OperatorCluster.AwaitUpAsync(_node, 1);
        _http = new HttpClient { BaseAddress = _node.Endpoints.OperatorUrl };
    }

    private async Task<(HttpStatusCode Status, string Body)> Send(HttpMethod method, string path, string token, string body = "{}")
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method == HttpMethod.Post) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_read_token_changes_nothing_a_write_token_may_change_and_only_an_operator_token_runs_cluster_commands()
    {
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/api/cluster", Reader)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/metrics", Reader)).Status);

        var readerCommand = await Send(HttpMethod.Post, "/api/cluster/down-unreachable", Reader);
        Assert.Equal(HttpStatusCode.Forbidden, readerCommand.Status);
        Assert.Contains("forbidden: token reader lacks the operator scope", readerCommand.Body);
        // A change that is not a cluster command needs write: refused to the reader before any handler runs.
        const string rule = """{"name":"Scoped token rule","channels":["ops"]}""";
        var readerChange = await Send(HttpMethod.Post, "/api/alerts/rules", Reader, rule);
        Assert.Equal(HttpStatusCode.Forbidden, readerChange.Status);
        Assert.Contains("lacks the write scope", readerChange.Body);
        Assert.DoesNotContain("scoped-token-rule", (await Send(HttpMethod.Get, "/api/alerts/rules", Reader)).Body);
        // The writer adds the rule, and a reader can see it.
        var writerChange = await Send(HttpMethod.Post, "/api/alerts/rules", Writer, rule);
        Assert.True(writerChange.Status == HttpStatusCode.OK, $"{writerChange.Status}: {writerChange.Body}");
        Assert.Contains("scoped-token-rule", (await Send(HttpMethod.Get, "/api/alerts/rules", Reader)).Body);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/api/cluster/down-unreachable", Writer)).Status);

        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/api/cluster/down-unreachable", Ops)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/api/cluster/down-unreachable", Legacy)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/api/cluster", Late)).Status);

        // The CLI: a read token shows the cluster; asked to run a command, the node's refusal is exit 4 with its reason.
        var node = OperatorCluster.NodeArg(_node);
        var show = await HollerProcess.RunAsync(["cluster", "show", "--node", node, "--token", Reader]);
        Assert.True(show.ExitCode == 0, show.Stderr);
        var down = await HollerProcess.RunAsync(["cluster", "down-unreachable", "--node", node, "--token", Reader]);
        Assert.Equal(4, down.ExitCode);
        Assert.Contains("lacks the operator scope (HTTP 403)", down.Stderr);
    }

    [Fact]
    public async Task A_token_revoked_or_added_in_the_settings_file_counts_without_a_restart()
    {
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/api/cluster", Ops)).Status);

        WriteSettings(("reader", Reader, "read"), ("late", Late, "read"));

        await Eventually.Until(() => Send(HttpMethod.Get, "/api/cluster", Ops), r => r.Status == HttpStatusCode.Unauthorized, Reloads,
            r => $"revoked token answered {r.Status}");
        await Eventually.Until(() => Send(HttpMethod.Get, "/api/cluster", Late), r => r.Status == HttpStatusCode.OK, Reloads,
            r => $"added token answered {r.Status}");
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/api/cluster", Reader)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/api/cluster", Writer)).Status);
        // The token given in the environment or on the command line is not the file's to revoke.
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/api/cluster", Legacy)).Status);

    }

    [Fact]
    public void A_mistake_in_the_changed_file_keeps_the_tokens_and_users_as_they_were()
    {
        var tokens = new OperatorTokens(OperatorTokenOptions.Resolve(new OperatorOptionsSection
        {
            Tokens = { ["reader"] = new OperatorTokenOptions { Hash = OperatorTokens.HashOf(Reader), Scopes = "read" } },
        }, []));
        var web = new Holler.Web.Access.WebAccess(Holler.Web.Access.WebAccessSettings.Open);
        var broken = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operator:Tokens:reader:Hash"] = "not-a-hash",
            ["Web:Users:ann:Role"] = "viewer",
        }).Build();

        new SettingsReload(broken, tokens, web, Microsoft.Extensions.Logging.Abstractions.NullLogger<SettingsReload>.Instance).Reload();

        Assert.Equal("reader", tokens.Find(Reader)?.Name);
        Assert.Same(Holler.Web.Access.WebAccessSettings.Open, web.Current);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _node.DisposeAsync();
        _data.Dispose();
    }
}
