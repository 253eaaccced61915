namespace Holler.Domain.Alerts;

/// <summary>A receiver's rate limit: <see cref="Capacity"/> sends at once, refilled evenly over a minute. Time comes in
/// from the caller (milliseconds), so tests move it.</summary>
public sealed class TokenBucket
{
    private double _tokens;
    private long _lastMs;

    public TokenBucket(int perMinute, long nowMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        Capacity = perMinute;
        _tokens = perMinute;
        _lastMs = nowMs;
    }

    public int Capacity { get; }

    /// <summary>Takes a token if one is there.</summary>
    public bool TryTake(long nowMs)
    {
        Refill(nowMs);
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }

    private void Refill(long nowMs)
    {
        if (nowMs <= _lastMs) return;
        _tokens = Math.Min(Capacity, _tokens + (nowMs - _lastMs) * Capacity / 60_000.0);
        _lastMs = nowMs;
    }
}
