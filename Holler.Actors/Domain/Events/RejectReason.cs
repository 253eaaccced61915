namespace Holler.Domain;

/// <summary>Why a Kafka record could not become a <see cref="ParsedTrafficEvent"/>.</summary>
public enum RejectReason
{
    /// <summary>Does not start like JSON at all: empty, plain text, binary.</summary>
    NotJson,

    /// <summary>JSON syntax error, truncation, a top-level value that is not an object, a wrongly typed
    /// or over-long business id.</summary>
    Malformed,

    MissingBusinessId,
    MissingTimestamp,

    /// <summary>A timestamp field is present but unparseable or not positive.</summary>
    InvalidTimestamp,

    TooFarInFuture,
    TooOld,
}
