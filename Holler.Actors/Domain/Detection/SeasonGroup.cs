using NodaTime;

namespace Holler.Domain.Detection;

/// <summary>
/// Businesses of one category in one time zone, within one shard: they share a <see cref="SeasonalProfile"/>, each
/// keeping only its own level and spread. A profile of its own would cost a business ~880 B; a shared one learns a
/// category's rhythm from all its businesses at once, quiet ones included, which could never learn it alone.
/// </summary>
public sealed class SeasonGroup
{
    public SeasonGroup(string category, DateTimeZone zone, ModelSettings model)
    {
        Category = category;
        Zone = zone;
        Model = model;
        Key = KeyOf(category, zone);
        Rates = LearningRates.For(TimeSpan.FromMinutes(1), model);
    }

    public string Key { get; }
    public string Category { get; }
    public DateTimeZone Zone { get; }
    public ModelSettings Model { get; }

    /// <summary>Per minute: live, a business's baseline learns one sample a minute.</summary>
    public LearningRates Rates { get; }

    public SeasonalProfile Profile { get; } = new();

    /// <summary>Businesses sharing the profile; each sample weighs one over this, so a big group learns no faster.</summary>
    public int Members { get; private set; }

    public void Join() => Members++;

    public double Share => 1.0 / Math.Max(1, Members);

    public static string KeyOf(string category, DateTimeZone zone) => category + "|" + zone.Id;

    public SeasonPoint PointAt(long epochSecond) =>
        SeasonPoint.At(Instant.FromUnixTimeSeconds(epochSecond).InZone(Zone).LocalDateTime.ToDateTimeUnspecified(), Model.Season, Model.HolidayCalendar);
}
