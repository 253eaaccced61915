using System.Net;
using System.Net.Sockets;
using Holler.Tests.Support;

namespace Holler.Tests.Operator;

/// <summary>Exit codes and one-line errors of the operator commands when there is no node, or the command line is wrong.</summary>
public sealed class OperatorCliUsageTests
{
    [Fact]
    public async Task An_unreachable_node_is_named_in_one_line_with_exit_code_3()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await HollerProcess.RunAsync(["cluster", "show", "--node", $"127.0.0.1:{port}"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"holler: cannot reach a Holler node at 127.0.0.1:{port} (connection refused); is one running there? (--node host:port)",
            result.Stderr.Trim());
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData(new[] { "cluster", "show", "--node", "not a node" }, "holler: --node: 'not a node' is not host:port (e.g. 127.0.0.1:9110)")]
    [InlineData(new[] { "cluster", "leave" }, "holler: Required argument missing for command: 'leave'. (see 'holler cluster leave --help')")]
    [InlineData(new[] { "cluster", "show", "--frobnicate" }, "holler: Unrecognized command or argument '--frobnicate'. (see 'holler cluster show --help')")]
    [InlineData(new[] { "sharding", "region-stats", "business", "-r", "orders" }, "holler: two type names given ('business' and -r 'orders'); give one")]
    [InlineData(new[] { "top", "--interval", "0" }, "holler: --interval must be between 0.1 and 3600 seconds")]
    public async Task Bad_usage_exits_2_with_one_line(string[] args, string expected)
    {
        var result = await OperatorCli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Stderr.Trim());
    }
}
