namespace Holler.Domain.Evaluation;

/// <summary>
/// UTC to local time for a run of nearby instants, asking the zone once per UTC hour: the conversion was a fifth of the
/// corpus' generation time. Every zone the corpus uses changes its offset on a whole UTC hour.
/// </summary>
internal sealed class LocalClock(TimeZoneInfo zone)
{
    private long _hour = long.MinValue;
    private long _offsetTicks;

    public DateTime Local(DateTimeOffset instant)
    {
        var hour = instant.UtcTicks / TimeSpan.TicksPerHour;
        if (hour != _hour)
        {
            _hour = hour;
            _offsetTicks = zone.GetUtcOffset(instant).Ticks;
        }
        return new DateTime(instant.UtcTicks + _offsetTicks, DateTimeKind.Unspecified);
    }
}
