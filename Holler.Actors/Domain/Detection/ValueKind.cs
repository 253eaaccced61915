namespace Holler.Domain.Detection;

/// <summary>
/// What a series' values are. Counts (events per interval) have Poisson noise that grows with the level, so they are
/// compared after a variance-stabilising transform and their seasonality is multiplicative. Gauges (a CPU share, a
/// latency, a temperature) have whatever noise they have, learned from the series, and additive seasonality.
/// </summary>
public enum ValueKind { Count, Gauge }
