namespace Holler.Generation;

/// <summary>
/// How busy the site is by hour of day (UTC): a cosine peaking at 15:00 (1.4×) with its trough at 03:00 (0.5×),
/// smooth so that no minute-to-minute step looks like a surge to a detector.
/// </summary>
public static class DayRhythm
{
    public const double PeakHour = 15;
    public const double Peak = 1.4;
    public const double Trough = 0.5;

    private const double MsPerDay = 86_400_000;

    public static double Factor(long eventTimeMs)
    {
        var msOfDay = eventTimeMs % (long)MsPerDay;
        if (msOfDay < 0) msOfDay += (long)MsPerDay;
        var phase = (msOfDay - PeakHour * 3_600_000) / MsPerDay * (2 * Math.PI);
        return (Peak + Trough) / 2 + (Peak - Trough) / 2 * Math.Cos(phase);
    }
}
