namespace Holler.Generation;

/// <summary>One page view: which business (index into the plan's catalog) and when, in event time (Unix ms).</summary>
/// <param name="Surge">The number of the planned surge this is an extra event of; -1 for baseline traffic.</param>
public readonly record struct GeneratedEvent(int BusinessIndex, long TimestampMs, int Surge = -1);
