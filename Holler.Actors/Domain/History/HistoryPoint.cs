namespace Holler.Domain.History;

/// <summary>One point of a business's trend: a minute or an hour (Unix ms of its start), with the events counted, what
/// was expected, the highest severity and whether it surged (or dropped) in it.</summary>
public sealed record HistoryPoint(long AtMs, long Count, double Expected, double MaxSeverity, bool Surging, bool Drop);

/// <summary>Surges per category and city in one bucket (hour or day) of time.</summary>
public sealed record SurgeTally(long AtMs, string Category, string City, int Surges, int Drops);
