using NodaTime;

namespace Holler.Domain.Detection;

/// <summary>
/// Businesses of one category within one shard: they share a <see cref="SeasonalProfile"/> in local time (each reads
/// and teaches it at its own zone's clock), each keeping only its own level and spread. A profile of its own would
/// cost a business ~3 KiB; a shared one learns a category's rhythm from all its businesses at once, quiet ones
/// included, which could never learn it alone. Not per time zone as well: a lunch peak is at noon on every clock, and
/// a group per category and zone cost ~350 B per business at 200,000 (100 shards × 15 categories × 15 zones).
/// </summary>
public sealed class SeasonGroup
{
    public SeasonGroup(string category, ModelSettings model)
    {
        Category = category;
        Model = model;
        Key = category;
        Rates = LearningRates.For(TimeSpan.FromMinutes(1), model);
    }

    public string Key { get; }
    public string Category { get; }
    public ModelSettings Model { get; }

    /// <summary>Per minute: live, a business's baseline learns one sample a minute.</summary>
    public LearningRates Rates { get; }

    public SeasonalProfile Profile { get; } = new();

    /// <summary>Businesses sharing the profile; each sample weighs one over this, so a big group learns no faster.</summary>
    public int Members { get; private set; }

    public void Join() => Members++;

    public double Share => 1.0 / Math.Max(1, Members);

    /// <summary>Where <paramref name="epochSecond"/> falls in the rhythm on <paramref name="zone"/>'s clock.</summary>
    public SeasonPoint PointAt(long epochSecond, DateTimeZone zone) =>
        SeasonPoint.At(Instant.FromUnixTimeSeconds(epochSecond).InZone(zone).LocalDateTime.ToDateTimeUnspecified(), Model.Season, Model.HolidayCalendar);
}
