namespace Holler.Domain;

/// <summary>One page view, as parsed from a Kafka record.</summary>
/// <param name="BusinessId">Never empty; at most <see cref="TrafficEventParser.MaxBusinessIdBytes"/> UTF-8 bytes.</param>
/// <param name="TimestampMs">Event time, Unix milliseconds (UTC).</param>
/// <param name="Status">HTTP status, or 0 when the producer did not send one.</param>
/// <param name="ResponseMs">Response time in ms, or -1 when the producer did not send one.</param>
/// <param name="Dimensions">Platform, path, referrer, region, user and session; <see cref="EventDimensions.None"/>
/// when the producer sent none of them.</param>
public readonly record struct ParsedTrafficEvent(string BusinessId, long TimestampMs, int Status, int ResponseMs,
    EventDimensions Dimensions = default)
{
    public StatusClass StatusClass => StatusClasses.Of(Status);
}

/// <summary>The optional fields analysts slice traffic by (see docs/dimensions.md). Strings are interned by the
/// parser's <see cref="DimensionValuePool"/>; users and sessions are kept only as hashes, for distinct counts.</summary>
/// <param name="Path">The page, without query string or fragment; null when absent or unusable.</param>
/// <param name="Referrer">A referrer category (<c>search</c>) as sent, or a referrer URL's host; lower case.</param>
/// <param name="Region">A region code such as <c>US-CA-06037</c> (country, state, county FIPS), upper case.</param>
/// <param name="UserHash"><see cref="EventHash"/> of <c>user_id</c>; 0 when absent.</param>
/// <param name="SessionHash"><see cref="EventHash"/> of <c>session_id</c>; 0 when absent.</param>
public readonly record struct EventDimensions(Platform Platform, string? Path, string? Referrer, string? Region,
    ulong UserHash, ulong SessionHash)
{
    public static EventDimensions None => default;
}
