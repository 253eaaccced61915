namespace Holler.Domain;

/// <summary>How far event time may stray from the consumer's clock before a record is rejected.</summary>
/// <param name="MaxFutureMs">Events later than now + this are <see cref="RejectReason.TooFarInFuture"/>.</param>
/// <param name="MaxAgeMs">Events earlier than now - this are <see cref="RejectReason.TooOld"/>.</param>
public readonly record struct ParseLimits(long MaxFutureMs, long MaxAgeMs)
{
    /// <summary>Five minutes of producer clock skew; a day of replay/backlog.</summary>
    public static ParseLimits Default => new(5 * 60_000, 24 * 3_600_000);
}
