namespace Holler.Domain.Evaluation;

/// <summary>What a series' values are: events counted per interval, or a measurement sampled once per interval.</summary>
public enum SeriesKind
{
    Count,
    Gauge,
}
