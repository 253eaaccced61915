namespace Holler.Domain;

/// <summary>
/// One raw event as the drill-down's recent-events list shows it (see docs/dimensions.md#recent-events). The strings
/// are references to values already interned, so an event costs the struct itself: about 56 bytes.
/// </summary>
/// <param name="Second">Event time, epoch seconds.</param>
/// <param name="Partition">Kafka partition the event came from.</param>
/// <param name="Offset">Its offset there: with the partition, where to find the raw record.</param>
/// <param name="Status">The status's class: batches carry the class, not the code.</param>
/// <param name="User">The user's hash (<see cref="EventHash"/>), 0 when the event named none.</param>
public readonly record struct RecentEvent(long Second, int Partition, long Offset, Platform Platform, StatusClass Status,
    string? Path, string? Referrer, string? Region, ulong User);
