namespace Holler.Domain;

/// <summary>How far event time may stray from the consumer's clock, and how large a record may be, before it is
/// rejected.</summary>
/// <param name="MaxFutureMs">Events later than now + this are <see cref="RejectReason.TooFarInFuture"/>.</param>
/// <param name="MaxAgeMs">Events earlier than now - this are <see cref="RejectReason.TooOld"/>.</param>
/// <param name="MaxRecordBytes">Records whose key and value together are longer are <see cref="RejectReason.TooLarge"/>.</param>
public readonly record struct ParseLimits(long MaxFutureMs, long MaxAgeMs, int MaxRecordBytes = ParseLimits.DefaultMaxRecordBytes)
{
    /// <summary>64 KiB: a page view is a few hundred bytes, so anything near this is not one; and a producer sending
    /// megabytes should not make every consumer parse them.</summary>
    public const int DefaultMaxRecordBytes = 64 * 1024;

    /// <summary>Five minutes of producer clock skew; a day of replay/backlog; 64 KiB records.</summary>
    public static ParseLimits Default => new(5 * 60_000, 24 * 3_600_000);
}
