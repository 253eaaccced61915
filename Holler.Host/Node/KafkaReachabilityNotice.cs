namespace Holler.Host.Node;

/// <summary>
/// What to tell the console about the broker, given each readiness check's answer: a line once it has failed for a
/// little while (a broker still starting beside the node is not news), a reminder now and then while it stays
/// unreachable, and a line when it answers again. Silent otherwise, so a dead broker does not flood the console.
/// </summary>
public sealed class KafkaReachabilityNotice(string bootstrap, TimeSpan grace, TimeSpan repeatEvery)
{
    private bool _everReached;
    private DateTimeOffset? _downSince;
    private DateTimeOffset? _lastSaid;

    /// <summary>The line to print after a check that answered <paramref name="reachable"/> at <paramref name="now"/>, if any.</summary>
    public string? Observe(bool reachable, DateTimeOffset now)
    {
        if (reachable)
        {
            var wasReported = _lastSaid is not null;
            _everReached = true;
            _downSince = _lastSaid = null;
            return wasReported ? $"holler: Kafka at {bootstrap} is reachable now" : null;
        }
        _downSince ??= now;
        if (_lastSaid is null)
        {
            if (now - _downSince < grace) return null;
            _lastSaid = now;
            return $"holler: Kafka at {bootstrap} is not reachable {(_everReached ? "" : "yet ")}(still trying)";
        }
        if (now - _lastSaid < repeatEvery) return null;
        _lastSaid = now;
        return $"holler: Kafka at {bootstrap} is still not reachable after {(now - _downSince.Value).TotalSeconds:N0} s (still trying)";
    }
}
