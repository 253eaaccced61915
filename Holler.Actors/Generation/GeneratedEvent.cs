namespace Holler.Generation;

/// <summary>One page view: which business (index into the plan's catalog) and when, in event time (Unix ms).</summary>
public readonly record struct GeneratedEvent(int BusinessIndex, long TimestampMs);
