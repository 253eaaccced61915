namespace Holler.Domain.Catalog;

/// <summary>Real metro-area centres, so synthetic businesses land where a map expects them.</summary>
public static class MetroAreas
{
    public static IReadOnlyList<MetroArea> All { get; } =
    [
        new("New York", "US-NY-36061", 40.7128, -74.0060, 19.5),
        new("Los Angeles", "US-CA-06037", 34.0522, -118.2437, 12.9),
        new("Chicago", "US-IL-17031", 41.8781, -87.6298, 9.4),
        new("Dallas", "US-TX-48113", 32.7767, -96.7970, 7.6),
        new("Houston", "US-TX-48201", 29.7604, -95.3698, 7.1),
        new("Washington", "US-DC-11001", 38.9072, -77.0369, 6.3),
        new("Philadelphia", "US-PA-42101", 39.9526, -75.1652, 6.2),
        new("Toronto", "CA-ON-3520", 43.6532, -79.3832, 6.2),
        new("Miami", "US-FL-12086", 25.7617, -80.1918, 6.1),
        new("Atlanta", "US-GA-13121", 33.7490, -84.3880, 6.1),
        new("Boston", "US-MA-25025", 42.3601, -71.0589, 4.9),
        new("Phoenix", "US-AZ-04013", 33.4484, -112.0740, 4.9),
        new("San Francisco", "US-CA-06075", 37.7749, -122.4194, 4.6),
        new("Detroit", "US-MI-26163", 42.3314, -83.0458, 4.3),
        new("Montreal", "CA-QC-2466", 45.5017, -73.5673, 4.3),
        new("Seattle", "US-WA-53033", 47.6062, -122.3321, 4.0),
        new("Minneapolis", "US-MN-27053", 44.9778, -93.2650, 3.7),
        new("San Diego", "US-CA-06073", 32.7157, -117.1611, 3.3),
        new("Tampa", "US-FL-12057", 27.9506, -82.4572, 3.3),
        new("Denver", "US-CO-08031", 39.7392, -104.9903, 3.0),
        new("Baltimore", "US-MD-24510", 39.2904, -76.6122, 2.8),
        new("St. Louis", "US-MO-29510", 38.6270, -90.1994, 2.8),
        new("Orlando", "US-FL-12095", 28.5383, -81.3792, 2.7),
        new("Charlotte", "US-NC-37119", 35.2271, -80.8431, 2.7),
        new("San Antonio", "US-TX-48029", 29.4241, -98.4936, 2.6),
        new("Vancouver", "CA-BC-5915", 49.2827, -123.1207, 2.6),
        new("Portland", "US-OR-41051", 45.5152, -122.6784, 2.5),
        new("Pittsburgh", "US-PA-42003", 40.4406, -79.9959, 2.4),
        new("Austin", "US-TX-48453", 30.2672, -97.7431, 2.4),
        new("Las Vegas", "US-NV-32003", 36.1699, -115.1398, 2.3),
        new("Nashville", "US-TN-47037", 36.1627, -86.7816, 2.0),
        new("Calgary", "CA-AB-4806", 51.0447, -114.0719, 1.5),
    ];

    public static MetroArea? Find(string city)
    {
        foreach (var metro in All)
            if (string.Equals(metro.Name, city, StringComparison.OrdinalIgnoreCase)) return metro;
        return null;
    }

    /// <summary>The closest centre, for catalogs (Yelp) whose city names are suburbs rather than metros.</summary>
    public static MetroArea Nearest(double latitude, double longitude)
    {
        var best = All[0];
        var bestDistance = double.MaxValue;
        foreach (var metro in All)
        {
            var dLat = metro.Latitude - latitude;
            var dLon = metro.Longitude - longitude;
            var distance = dLat * dLat + dLon * dLon;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = metro;
            }
        }
        return best;
    }
}
