namespace Holler.Generation;

/// <param name="Rate">Events delivered per second over the last report interval (about a second).</param>
/// <param name="Produced">Events handed to the producer so far; Sent + Errors catch up once they are acknowledged.</param>
/// <param name="EventTimeMs">Event time (Unix ms) before which every event has been handed to the producer.</param>
public readonly record struct GeneratorProgress(
    double Rate,
    long Sent,
    long Errors,
    long Produced,
    TimeSpan Elapsed,
    long EventTimeMs,
    int SurgesStarted,
    string? LastError);
