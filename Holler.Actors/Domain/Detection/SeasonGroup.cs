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

    /// <summary>Businesses that ever joined the group.</summary>
    public int Members { get; private set; }

    /// <summary>Members that taught the profile within the last <see cref="ActiveHours"/> hours (of the newest hour
    /// taught): each sample weighs one over this, so a big group learns no faster than one series. Counting every
    /// member ever seen instead, businesses that went silent diluted the rest: a group half of whose businesses had
    /// stopped learned at half the rate.</summary>
    public int Active { get; private set; }

    public const int ActiveHours = 24;

    // Members by the hour they last taught: slot h % (ActiveHours + 1) holds hour _hourOf[slot]'s count.
    private readonly int[] _byHour = new int[ActiveHours + 1];
    private readonly long[] _hourOf = Enumerable.Repeat(long.MinValue, ActiveHours + 1).ToArray();
    private long _newestHour = long.MinValue;

    public void Join() => Members++;

    public double Share => 1.0 / Math.Max(1, Active);

    /// <summary>A member that last taught in <paramref name="previousHour"/> (null: never) teaches in
    /// <paramref name="hour"/> (hours since the epoch).</summary>
    public void Taught(long? previousHour, long hour)
    {
        if (previousHour == hour) return;
        if (hour > _newestHour) Advance(hour);
        if (previousHour is { } before && IsCounted(before))
        {
            _byHour[Slot(before)]--;
            Active--;
        }
        if (!IsCounted(hour) && hour > _newestHour - ActiveHours)
        {
            // An hour inside the window whose slot still holds an older hour: that hour has left the window.
            var slot = Slot(hour);
            Active -= _byHour[slot];
            _byHour[slot] = 0;
            _hourOf[slot] = hour;
        }
        if (IsCounted(hour))
        {
            _byHour[Slot(hour)]++;
            Active++;
        }
    }

    private bool IsCounted(long hour) => hour > _newestHour - ActiveHours && _hourOf[Slot(hour)] == hour;

    private void Advance(long hour)
    {
        _newestHour = hour;
        for (var slot = 0; slot < _byHour.Length; slot++)
        {
            if (_hourOf[slot] == long.MinValue || _hourOf[slot] > hour - ActiveHours) continue;
            Active -= _byHour[slot];
            _byHour[slot] = 0;
            _hourOf[slot] = long.MinValue;
        }
    }

    private static int Slot(long hour) => (int)(((hour % (ActiveHours + 1)) + ActiveHours + 1) % (ActiveHours + 1));

    /// <summary>Where <paramref name="epochSecond"/> falls in the rhythm on <paramref name="zone"/>'s clock.</summary>
    public SeasonPoint PointAt(long epochSecond, DateTimeZone zone) => PointAt(epochSecond, ZoneClock.For(zone));

    /// <summary>As <see cref="PointAt(long, DateTimeZone)"/>, on a clock already found.</summary>
    public SeasonPoint PointAt(long epochSecond, ZoneClock clock) =>
        SeasonPoint.At(clock.LocalAt(epochSecond), Model.Season, Model.HolidayCalendar);
}
