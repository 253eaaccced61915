using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Holler.Domain;

/// <summary>
/// Turns one Kafka record of <c>holler.traffic</c> (see docs/architecture.md#the-event-contract) into a
/// <see cref="ParsedTrafficEvent"/>. Bad records are not exceptional in a stream fed by other people's producers, so
/// they come back as a <see cref="RejectReason"/> rather than an exception, and the only allocations on success are the
/// business id and the dimension strings (none for values already in the pools passed in).
/// </summary>
/// <remarks>
/// Accepted fields: <c>business_id</c>; the event time from <c>ts</c> or, for the original Holler producer and
/// others, <c>visit_time</c> / <c>timestamp</c>; optional <c>status</c>, <c>response_ms</c> and the dimensions
/// <c>platform</c>, <c>path</c>, <c>referrer</c>, <c>region</c>, <c>user_id</c>, <c>session_id</c> (see
/// TrafficEventParser.Dimensions.cs). Everything else (such as <c>method</c> or <c>request_type</c>) is skipped. When a field
/// occurs more than once the last occurrence wins, the timestamp aliases counting as one field; JSON null
/// counts as absent. Optional fields never cause a reject: a value of the wrong type just reads as absent.
/// A record longer than <see cref="ParseLimits.MaxRecordBytes"/> is rejected unread.
/// </remarks>
public static partial class TrafficEventParser
{
    /// <summary>Longest business id accepted, in UTF-8 bytes. Yelp ids are 22; this leaves room for others'
    /// schemes while keeping a hostile producer from growing every per-business map without bound. A longer id in the
    /// value is <see cref="RejectReason.InvalidBusinessId"/>.</summary>
    public const int MaxBusinessIdBytes = 128;

    // Numeric timestamps below this are Unix seconds, from it on Unix milliseconds. The original Holler
    // producer sent visit_time in seconds while the contract's ts is in ms; 1e11 s is the year 5138 and 1e11 ms
    // is March 1973, so no plausible event time is ambiguous.
    internal const long SecondsThreshold = 100_000_000_000;

    // 9999-12-31T23:59:59.999Z, the last instant DateTimeOffset can hold. Beyond it a number is junk rather
    // than a far-future event, and converting it from double would no longer be meaningful.
    private const long MaxUnixMs = 253_402_300_799_999;

    // ISO-8601 with seven fractional digits and an offset is 33 bytes; anything much longer is not a date.
    private const int MaxTimestampTextBytes = 64;

    // A JSON escape (\u0041) spends at most six bytes on one byte of text, so an escaped id longer than this
    // cannot unescape to MaxBusinessIdBytes and is rejected without being unescaped.
    private const int MaxEscapedBusinessIdBytes = MaxBusinessIdBytes * 6;

    // F (rather than f) makes the fraction optional and K the offset, which AssumeUniversal then reads as UTC.
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    // BeyondRange: a positive number past the year 9999, which says "far future" as clearly as any other.
    private enum TimestampState { Absent, Valid, Invalid, BeyondRange }

    /// <summary>Parses one record. Never throws on any key or value bytes.</summary>
    /// <param name="key">Kafka key; the business id when the value carries none.</param>
    /// <param name="value">Kafka value; one JSON object, optionally preceded by whitespace or a UTF-8 BOM.</param>
    /// <param name="nowMs">The consumer's clock, Unix ms, against which <paramref name="limits"/> apply.</param>
    /// <param name="limits">How far in the future or past the event time may be.</param>
    /// <param name="evt">The event when this returns true; default otherwise.</param>
    /// <param name="reason">Why the record was rejected when this returns false; meaningless otherwise.</param>
    /// <param name="ids">Where known ids come from without allocating; null to allocate each one.</param>
    /// <param name="values">Where known paths, referrers and regions come from without allocating; null to allocate.</param>
    public static bool TryParse(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> value,
        long nowMs,
        in ParseLimits limits,
        out ParsedTrafficEvent evt,
        out RejectReason reason,
        BusinessIdPool? ids = null,
        DimensionValuePool? values = null)
    {
        evt = default;
        // Before anything else: parsing is linear in the size, and a producer sending megabytes is not sending page views.
        if ((long)key.Length + value.Length > limits.MaxRecordBytes)
        {
            reason = RejectReason.TooLarge;
            return false;
        }

        value = SkipBom(value);
        if (!StartsWithObject(value))
        {
            reason = IsSomeJsonValue(value) ? RejectReason.Malformed : RejectReason.NotJson;
            return false;
        }

        Span<byte> idScratch = stackalloc byte[MaxEscapedBusinessIdBytes];
        scoped ReadOnlySpan<byte> id = default;
        var timestamp = TimestampState.Absent;
        long timestampMs = 0;
        var status = 0;
        var responseMs = -1;
        Span<byte> dimensionScratch = stackalloc byte[MaxEscapedDimensionBytes];
        var platform = Platform.Unknown;
        string? path = null, referrer = null, region = null;
        ulong user = 0, session = 0;

        scoped var reader = new Utf8JsonReader(value, isFinalBlock: true, state: default);
        try
        {
            reader.Read();
            while (true)
            {
                // With isFinalBlock the reader throws on truncation; a false here would mean the same.
                if (!reader.Read())
                {
                    reason = RejectReason.Malformed;
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                // Every value is consumed whole below, so this is always a top-level property name.
                if (reader.ValueTextEquals("business_id"u8))
                {
                    reader.Read();
                    if (ReadBusinessId(ref reader, idScratch, out id) is { } bad)
                    {
                        reason = bad;
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("ts"u8)
                         || reader.ValueTextEquals("visit_time"u8)
                         || reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    timestamp = ReadTimestamp(ref reader, out timestampMs);
                }
                else if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    status = ReadOptionalInt(ref reader, absent: 0);
                }
                else if (reader.ValueTextEquals("response_ms"u8))
                {
                    reader.Read();
                    responseMs = ReadOptionalInt(ref reader, absent: -1);
                }
                else if (reader.ValueTextEquals("platform"u8))
                {
                    reader.Read();
                    platform = ReadPlatform(ref reader, dimensionScratch);
                }
                else if (reader.ValueTextEquals("path"u8))
                {
                    reader.Read();
                    path = ReadDimension(ref reader, dimensionScratch, DimensionKind.Path, values);
                }
                else if (reader.ValueTextEquals("referrer"u8))
                {
                    reader.Read();
                    referrer = ReadDimension(ref reader, dimensionScratch, DimensionKind.Referrer, values);
                }
                else if (reader.ValueTextEquals("region"u8))
                {
                    reader.Read();
                    region = ReadDimension(ref reader, dimensionScratch, DimensionKind.Region, values);
                }
                else if (reader.ValueTextEquals("user_id"u8))
                {
                    reader.Read();
                    user = ReadHashed(ref reader, dimensionScratch);
                }
                else if (reader.ValueTextEquals("session_id"u8))
                {
                    reader.Read();
                    session = ReadHashed(ref reader, dimensionScratch);
                }
                else
                {
                    reader.Skip();
                }
            }

            // Anything after the object (a second object, stray text) makes the reader throw here.
            if (reader.Read())
            {
                reason = RejectReason.Malformed;
                return false;
            }
        }
        catch (JsonException)
        {
            reason = RejectReason.Malformed;
            return false;
        }
        catch (InvalidOperationException)
        {
            // CopyString throws this for escapes that do not form valid UTF-8 (a lone \ud800).
            reason = RejectReason.Malformed;
            return false;
        }

        // The key is only a fallback: a key that cannot serve as an id (too long, not UTF-8, control characters) is as
        // good as none, whereas a bad business_id in the value already failed above.
        if (id.IsEmpty && key.Length <= MaxBusinessIdBytes && Utf8.IsValid(key) && !HasControlCharacter(key))
        {
            id = key;
        }

        if (id.IsEmpty)
        {
            reason = RejectReason.MissingBusinessId;
            return false;
        }

        switch (timestamp)
        {
            case TimestampState.Absent:
                reason = RejectReason.MissingTimestamp;
                return false;
            case TimestampState.Invalid:
                reason = RejectReason.InvalidTimestamp;
                return false;
            case TimestampState.BeyondRange:
                reason = RejectReason.TooFarInFuture;
                return false;
        }

        // Differences rather than now ± limit, so a limit of long.MaxValue means "no limit" instead of overflowing.
        if (timestampMs - nowMs > limits.MaxFutureMs)
        {
            reason = RejectReason.TooFarInFuture;
            return false;
        }

        if (nowMs - timestampMs > limits.MaxAgeMs)
        {
            reason = RejectReason.TooOld;
            return false;
        }

        evt = new ParsedTrafficEvent(ids is null ? Encoding.UTF8.GetString(id) : ids.Get(id), timestampMs, status, responseMs,
            new EventDimensions(platform, path, referrer, region, user, session));
        reason = default;
        return true;
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> value) =>
        value.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? value[3..] : value;

    private static bool StartsWithObject(ReadOnlySpan<byte> value)
    {
        var start = value.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && value[start] == (byte)'{';
    }

    // Separates "JSON, but not an object" (Malformed) from text or binary that is not JSON at all (NotJson).
    private static bool IsSomeJsonValue(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value, isFinalBlock: true, state: default);
        try
        {
            return reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The business id, empty for JSON null; or why it cannot be one.</summary>
    private static RejectReason? ReadBusinessId(ref Utf8JsonReader reader, Span<byte> scratch, out ReadOnlySpan<byte> id)
    {
        id = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when !reader.ValueIsEscaped:
                id = reader.ValueSpan;
                break;
            case JsonTokenType.String when reader.ValueSpan.Length <= scratch.Length:
                id = scratch[..reader.CopyString(scratch)];
                break;
            case JsonTokenType.String:
                // An escape spends at most six bytes per byte of text, so this unescapes to more than the longest id.
                return RejectReason.InvalidBusinessId;
            default:
                // A number, bool, object or array is a producer bug, not a missing id.
                return RejectReason.Malformed;
        }

        // The reader does not validate UTF-8 inside strings, and a lossy decode would merge distinct ids: the JSON
        // itself is broken. A well-formed id that no one could type or see is the id's fault, not the JSON's.
        if (!Utf8.IsValid(id)) return RejectReason.Malformed;
        return id.Length > MaxBusinessIdBytes || HasControlCharacter(id) ? RejectReason.InvalidBusinessId : null;
    }

    /// <summary>Whether valid UTF-8 holds a Unicode control character: C0 (U+0000–U+001F), DEL, or C1 (U+0080–U+009F,
    /// encoded C2 80–C2 9F). JSON lets a string carry them escaped (\u0000); in an id they make a business that no URL,
    /// query or terminal shows as it is.</summary>
    private static bool HasControlCharacter(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAnyInRange((byte)0x00, (byte)0x1F) >= 0 || utf8.Contains((byte)0x7F)) return true;
        // In valid UTF-8, C2 is only ever a lead byte, so the byte after it is its continuation.
        for (var i = utf8.IndexOf((byte)0xC2); i >= 0 && i + 1 < utf8.Length; )
        {
            if (utf8[i + 1] is >= 0x80 and <= 0x9F) return true;
            var next = utf8[(i + 1)..].IndexOf((byte)0xC2);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    private static TimestampState ReadTimestamp(ref Utf8JsonReader reader, out long ms)
    {
        ms = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return TimestampState.Absent;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var whole))
                {
                    return FromNumber(whole, out ms);
                }

                return reader.TryGetDouble(out var fractional) ? FromNumber(fractional, out ms) : TimestampState.Invalid;
            case JsonTokenType.String:
                return FromText(ref reader, out ms);
            default:
                reader.Skip();
                return TimestampState.Invalid;
        }
    }

    private static TimestampState FromText(ref Utf8JsonReader reader, out long ms)
    {
        ms = 0;
        if (reader.ValueSpan.Length > MaxTimestampTextBytes)
        {
            return TimestampState.Invalid;
        }

        Span<byte> unescaped = stackalloc byte[MaxTimestampTextBytes];
        var text = reader.ValueIsEscaped ? unescaped[..reader.CopyString(unescaped)] : reader.ValueSpan;
        text = text[Ascii.Trim(text)];

        // Producers that stringify everything send "1795438379342"; it means what the bare number would.
        if (Utf8Parser.TryParse(text, out long whole, out var consumed) && consumed == text.Length)
        {
            return FromNumber(whole, out ms);
        }

        if (Utf8Parser.TryParse(text, out double fractional, out consumed) && consumed == text.Length)
        {
            return FromNumber(fractional, out ms);
        }

        Span<char> chars = stackalloc char[MaxTimestampTextBytes];
        if (Ascii.ToUtf16(text, chars, out var written) != OperationStatus.Done
            || !DateTimeOffset.TryParseExact(
                chars[..written],
                DateFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var parsed))
        {
            return TimestampState.Invalid;
        }

        ms = parsed.ToUnixTimeMilliseconds();
        return ms > 0 ? TimestampState.Valid : TimestampState.Invalid;
    }

    private static TimestampState FromNumber(long value, out long ms)
    {
        ms = value < SecondsThreshold ? value * 1000 : value;
        if (value <= 0) return TimestampState.Invalid;
        return ms <= MaxUnixMs ? TimestampState.Valid : TimestampState.BeyondRange;
    }

    private static TimestampState FromNumber(double value, out long ms)
    {
        ms = 0;
        // Infinity (a string like "1e400") is a number past any date: beyond range, below.
        if (double.IsNaN(value) || value <= 0)
        {
            return TimestampState.Invalid;
        }

        // Rounding, not truncation: 1700000000.123 s times 1000 lands a hair below ...123 in binary floating point.
        var rounded = Math.Round(value < SecondsThreshold ? value * 1000 : value);
        if (rounded < 1)
        {
            return TimestampState.Invalid;
        }

        if (rounded > MaxUnixMs)
        {
            return TimestampState.BeyondRange;
        }

        ms = (long)rounded;
        return TimestampState.Valid;
    }

    private static int ReadOptionalInt(ref Utf8JsonReader reader, int absent)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return absent;
        }

        if (reader.TryGetInt32(out var whole))
        {
            return whole >= 0 ? whole : absent;
        }

        // Timers often report fractional milliseconds; the fraction is below what the metrics resolve.
        return reader.TryGetDouble(out var fractional) && fractional >= 0 && fractional <= int.MaxValue
            ? (int)fractional
            : absent;
    }
}
