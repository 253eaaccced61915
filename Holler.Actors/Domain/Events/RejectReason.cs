namespace Holler.Domain;

/// <summary>Why a Kafka record could not become a <see cref="ParsedTrafficEvent"/>.</summary>
/// <remarks>New reasons go at the end: metrics and the operator API list reasons in this order, and existing
/// dashboards and scripts should find the old ones where they were.</remarks>
public enum RejectReason
{
    /// <summary>Does not start like JSON at all: empty, plain text, binary.</summary>
    NotJson,

    /// <summary>JSON syntax error, truncation, a top-level value that is not an object, a business id that is not a
    /// string or not valid UTF-8.</summary>
    Malformed,

    /// <summary>No business id in the value, and no key that could stand in for one.</summary>
    MissingBusinessId,

    MissingTimestamp,

    /// <summary>A timestamp field is present but unparseable, or at or before the Unix epoch (zero, negative).</summary>
    InvalidTimestamp,

    /// <summary>Later than the consumer's clock plus <see cref="ParseLimits.MaxFutureMs"/>, including numbers beyond
    /// the year 9999.</summary>
    TooFarInFuture,

    /// <summary>Earlier than the consumer's clock minus <see cref="ParseLimits.MaxAgeMs"/>.</summary>
    TooOld,

    /// <summary>Key and value together are longer than <see cref="ParseLimits.MaxRecordBytes"/>; not parsed at all.</summary>
    TooLarge,

    /// <summary>The value's business id holds a control character (U+0000–U+001F, U+007F–U+009F) or is longer than
    /// <see cref="TrafficEventParser.MaxBusinessIdBytes"/> UTF-8 bytes: such an id would name a business that no
    /// query or dashboard can name back.</summary>
    InvalidBusinessId,
}
