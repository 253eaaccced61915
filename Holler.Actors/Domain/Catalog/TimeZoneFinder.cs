using NodaTime;
using NodaTime.TimeZones;

namespace Holler.Domain.Catalog;

/// <summary>
/// The time zone a business keeps its hours in, from its coordinates: the zone of the nearest place the time zone
/// database locates (its zone.tab: one principal city per zone). That is not a polygon lookup, so a business a few
/// miles across a zone border can land in its neighbour; for the rhythm of a business's traffic an hour off at a
/// border town matters little, and the whole database ships inside NodaTime, so it works offline.
/// </summary>
public sealed class TimeZoneFinder
{
    private readonly (double Lat, double Lon, DateTimeZone Zone)[] _places;

    public static TimeZoneFinder Default { get; } = new();

    public TimeZoneFinder()
    {
        var source = TzdbDateTimeZoneSource.Default;
        _places = (source.ZoneLocations ?? [])
            .Select(l => (l.Latitude * Math.PI / 180, l.Longitude * Math.PI / 180, DateTimeZoneProviders.Tzdb[l.ZoneId]))
            .ToArray();
    }

    /// <summary>The zone for a place; UTC for coordinates that are not on Earth (a catalog's 0,0 "unknown" included).</summary>
    public DateTimeZone Find(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude) || Math.Abs(latitude) > 90 || Math.Abs(longitude) > 180
            || (latitude == 0 && longitude == 0) || _places.Length == 0)
            return DateTimeZone.Utc;
        var lat = latitude * Math.PI / 180;
        var lon = longitude * Math.PI / 180;
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < _places.Length; i++)
        {
            // The haversine's inner term: monotone in the great-circle distance, which is all a nearest search needs.
            var dLat = Math.Sin((_places[i].Lat - lat) / 2);
            var dLon = Math.Sin((_places[i].Lon - lon) / 2);
            var distance = dLat * dLat + Math.Cos(lat) * Math.Cos(_places[i].Lat) * dLon * dLon;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = i;
            }
        }
        return _places[best].Zone;
    }
}
