using Holler.Host.Operator;
using Holler.Host.Operator.Api;
using Microsoft.Extensions.Hosting;

namespace Holler.Host.Node;

/// <summary>
/// Says on the console what the readiness check knows about the broker: an ingest node pointed at a Kafka it cannot
/// reach otherwise starts, and waits, without a word.
/// </summary>
public sealed class KafkaReachabilityPrinter(ReadinessMonitor monitor, OperatorEndpointOptions endpoint, TextWriter output,
    TimeProvider time) : IHostedService
{
    private readonly KafkaReachabilityNotice _notice = new(endpoint.KafkaBootstrap, grace: TimeSpan.FromSeconds(5), repeatEvery: TimeSpan.FromMinutes(1));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        monitor.KafkaChecked += OnChecked;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        monitor.KafkaChecked -= OnChecked;
        return Task.CompletedTask;
    }

    private void OnChecked(HealthCheckView check)
    {
        if (_notice.Observe(check.Ok, time.GetUtcNow()) is { } line) output.WriteLine(line);
    }
}
