namespace Holler.Domain.Detection;

/// <summary>Reading severities for people: which deviation a severity needs, and a word for it.</summary>
public static class SeverityScale
{
    /// <summary>The deviation (standard units) whose one-sided tail has this severity: the band a chart draws.</summary>
    public static double DeviationFor(double severity)
    {
        if (!(severity > NormalTail.Log10Upper(0))) return 0;
        double low = 0, high = 1;
        while (NormalTail.Log10Upper(high) < severity) high *= 2;
        for (var i = 0; i < 60; i++)
        {
            var middle = (low + high) / 2;
            if (NormalTail.Log10Upper(middle) < severity) low = middle;
            else high = middle;
        }
        return (low + high) / 2;
    }

    /// <summary>A word for a severity relative to the alarm threshold: a person's reading of "how sure".</summary>
    public static string Word(double severity, double threshold) =>
        severity < threshold ? "unusual"
        : severity < 2 * threshold ? "high"
        : severity < 4 * threshold ? "very high"
        : "extreme";
}
