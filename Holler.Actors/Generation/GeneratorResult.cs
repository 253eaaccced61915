namespace Holler.Generation;

/// <param name="Sent">Events the broker acknowledged.</param>
/// <param name="Errors">Events that failed, timed out, or were still unacknowledged when the run gave up waiting.</param>
/// <param name="Produced">Events handed to the producer (= Sent + Errors).</param>
/// <param name="Surges">Surges that started within the run, End clipped to <paramref name="EventTimeEndMs"/>.</param>
/// <param name="EventTimeEndMs">Exclusive event-time end the run reached (Unix ms).</param>
/// <param name="LastError">The last broker or delivery error seen, if any.</param>
public sealed record GeneratorResult(
    long Sent,
    long Errors,
    long Produced,
    TimeSpan Duration,
    IReadOnlyDictionary<string, long> DeliveredPerBusiness,
    IReadOnlyList<SurgeTruth> Surges,
    long EventTimeStartMs,
    long EventTimeEndMs,
    bool Cancelled,
    string? LastError);
