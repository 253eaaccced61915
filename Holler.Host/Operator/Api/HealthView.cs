namespace Holler.Host.Operator.Api;

/// <summary><c>GET /healthz/ready</c> (200 when ready, 503 when not) and <c>/healthz/live</c>.</summary>
/// <param name="Status">ready, not-ready or live.</param>
/// <param name="Failed">Names of the checks that failed: cluster, kafka, persistence.</param>
public sealed record HealthView(string Status, IReadOnlyList<string> Failed, IReadOnlyList<HealthCheckView> Checks);

/// <param name="Detail">What was seen, e.g. "Up", "broker 127.0.0.1:9092 answered", or the error.</param>
public sealed record HealthCheckView(string Name, bool Ok, string Detail);
