namespace Holler.Web.Components.Dashboard;

/// <summary>Marker size and colour by surge score: area grows with the score, colour runs amber (score 4) to deep red (30+).</summary>
public static class MarkerScale
{
    public static double Radius(double score) => Math.Clamp(7 + 3.2 * Math.Sqrt(Math.Max(0, score)), 8, 34);

    public static string Fill(double score)
    {
        var t = Math.Clamp((score - 4) / 26, 0, 1);
        var hue = 42 * (1 - t);          // 42° amber → 0° red
        var lightness = 52 - 14 * t;     // deeper as it grows
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"hsl({hue:0}, 85%, {lightness:0}%)");
    }
}
