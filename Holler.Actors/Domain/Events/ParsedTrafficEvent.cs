namespace Holler.Domain;

/// <summary>One page view, as parsed from a Kafka record.</summary>
/// <param name="BusinessId">Never empty; at most <see cref="TrafficEventParser.MaxBusinessIdBytes"/> UTF-8 bytes.</param>
/// <param name="TimestampMs">Event time, Unix milliseconds (UTC).</param>
/// <param name="Status">HTTP status, or 0 when the producer did not send one.</param>
/// <param name="ResponseMs">Response time in ms, or -1 when the producer did not send one.</param>
public readonly record struct ParsedTrafficEvent(string BusinessId, long TimestampMs, int Status, int ResponseMs);
