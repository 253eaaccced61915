using System.Net;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.Node;

/// <summary>A node's two HTTP listeners: the operator endpoint on every node, the dashboard only with the web role,
/// and neither serving the other's paths.</summary>
public sealed class NodeEndpointsTests
{
    [Fact]
    public async Task A_web_node_serves_the_dashboard_and_health_on_separate_ports()
    {
        var token = TestContext.Current.CancellationToken;
        using var broker = EmbeddedKafka.Start();
        using var data = new TempDir();
        await using var node = await TestNodes.StartAsync(TestNodes.Config(broker.BootstrapServers, data.Path, businesses: 10));
        using var http = new HttpClient();

        var dashboard = node.Endpoints.DashboardUrl!;
        var operatorUrl = node.Endpoints.OperatorUrl;
        Assert.NotEqual(dashboard.Port, operatorUrl.Port);

        var live = await http.GetAsync(new Uri(operatorUrl, "/healthz/live"), token);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(dashboard, token)).StatusCode);

        // Operator paths are not reachable through the dashboard's listener, nor the dashboard through the operator's.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(dashboard, "/healthz/live"), token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(operatorUrl, token)).StatusCode);
    }

    [Fact]
    public async Task A_node_without_the_web_role_has_no_dashboard()
    {
        var token = TestContext.Current.CancellationToken;
        using var broker = EmbeddedKafka.Start();
        using var data = new TempDir();
        await using var node = await TestNodes.StartAsync(TestNodes.Config(broker.BootstrapServers, data.Path, businesses: 10,
            o => o.Roles = "ingest,tracker,leaderboard"));
        using var http = new HttpClient();

        Assert.Null(node.Endpoints.DashboardUrl);
        var live = await http.GetAsync(new Uri(node.Endpoints.OperatorUrl, "/healthz/live"), token);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
