using System.Text;
using Holler.Domain;

namespace Holler.Tests.Domain;

public class TrafficEventParserTests
{
    // The contract example's own ts, so it sits exactly at "now".
    private const long Now = 1_795_438_379_342;

    private const string ContractExample =
        """
        {"business_id":"Xc1pq8RnWkzL0cT2bVq9aA","ts":1795438379342,"method":"GET","path":"/biz/Xc1pq8RnWkzL0cT2bVq9aA","status":200,
         "platform":"web","user_id":"u-81723","session_id":"s-9f2","referrer":"search",
         "response_ms":42,"region":"US-CA-06037"}
        """;

    private static (bool Ok, ParsedTrafficEvent Event, RejectReason Reason) Parse(
        byte[] value, string? key = null, long now = Now, ParseLimits? limits = null)
    {
        var keyBytes = key is null ? [] : Encoding.UTF8.GetBytes(key);
        var ok = TrafficEventParser.TryParse(keyBytes, value, now, limits ?? ParseLimits.Default, out var evt, out var reason);
        return (ok, evt, reason);
    }

    private static (bool Ok, ParsedTrafficEvent Event, RejectReason Reason) Parse(
        string value, string? key = null, long now = Now, ParseLimits? limits = null) =>
        Parse(Encoding.UTF8.GetBytes(value), key, now, limits);

    private static ParsedTrafficEvent Accepted(string value, string? key = null, long now = Now)
    {
        var (ok, evt, reason) = Parse(value, key, now);
        Assert.True(ok, $"rejected as {reason}: {value}");
        return evt;
    }

    private static void Rejected(RejectReason expected, string value, string? key = null, long now = Now)
    {
        var (ok, evt, reason) = Parse(value, key, now);
        Assert.False(ok, $"accepted: {value}");
        Assert.Equal(expected, reason);
        Assert.Equal(default, evt);
    }

    [Fact]
    public void ContractExampleParses()
    {
        var evt = Accepted(ContractExample);

        Assert.Equal(new ParsedTrafficEvent("Xc1pq8RnWkzL0cT2bVq9aA", 1_795_438_379_342, 200, 42,
            new EventDimensions(Platform.Web, "/biz/Xc1pq8RnWkzL0cT2bVq9aA", "search", "US-CA-06037",
                EventHash.Of("u-81723"u8), EventHash.Of("s-9f2"u8))), evt);
    }

    [Fact]
    public void OriginalProducerShapeWithVisitTimeInSecondsParses()
    {
        var evt = Accepted("""{"request_type":"view","business_id":"b-1","visit_time":1795438379,"user_id":"u-1"}""");

        Assert.Equal(new ParsedTrafficEvent("b-1", 1_795_438_379_000, 0, -1,
            EventDimensions.None with { UserHash = EventHash.Of("u-1"u8) }), evt);
    }

    [Theory]
    [InlineData("2026-11-23T12:52:59Z")]
    [InlineData("2026-11-23T12:52:59")]
    [InlineData("2026-11-23T13:52:59+01:00")]
    [InlineData("2026-11-23T12:52:59.000Z")]
    [InlineData("2026-11-23 12:52:59")]
    public void OriginalProducerShapeWithVisitTimeAsStringParses(string visitTime)
    {
        var evt = Accepted($$"""{"request_type":"view","business_id":"b-1","visit_time":"{{visitTime}}","user_id":"u-1"}""");

        Assert.Equal(1_795_438_379_000, evt.TimestampMs);
    }

    [Theory]
    [InlineData("1795438379342", 1_795_438_379_342)]
    [InlineData("1795438379342.4", 1_795_438_379_342)]
    [InlineData("1795438379.342", 1_795_438_379_342)]
    [InlineData("1795438379", 1_795_438_379_000)]
    [InlineData("\"1795438379342\"", 1_795_438_379_342)]
    [InlineData("\"1795438379\"", 1_795_438_379_000)]
    [InlineData("\"1795438379.5\"", 1_795_438_379_500)]
    [InlineData("\"2026-11-23T12:52:59.342Z\"", 1_795_438_379_342)]
    [InlineData("\"2026-11-23T12:52:59.342-08:00\"", 1_795_438_379_342 + 8 * 3_600_000)]
    public void TimestampForms(string json, long expectedMs)
    {
        var evt = Accepted($$"""{"business_id":"b","ts":{{json}}}""", now: expectedMs);

        Assert.Equal(expectedMs, evt.TimestampMs);
    }

    [Theory]
    [InlineData("ts")]
    [InlineData("visit_time")]
    [InlineData("timestamp")]
    public void EveryTimestampAliasIsRead(string name)
    {
        Assert.Equal(Now, Accepted($$"""{"business_id":"b","{{name}}":{{Now}}}""").TimestampMs);
    }

    [Fact]
    public void KeyIsTheFallbackBusinessId()
    {
        Assert.Equal("from-key", Accepted($$"""{"ts":{{Now}}}""", key: "from-key").BusinessId);
        Assert.Equal("from-key", Accepted($$"""{"business_id":"","ts":{{Now}}}""", key: "from-key").BusinessId);
        Assert.Equal("from-key", Accepted($$"""{"business_id":null,"ts":{{Now}}}""", key: "from-key").BusinessId);
    }

    [Fact]
    public void ValueBusinessIdBeatsTheKey()
    {
        Assert.Equal("from-value", Accepted($$"""{"business_id":"from-value","ts":{{Now}}}""", key: "from-key").BusinessId);
    }

    [Fact]
    public void OptionalFieldsDefaultWhenAbsentOrMistyped()
    {
        Assert.Equal(new ParsedTrafficEvent("b", Now, 0, -1), Accepted($$"""{"business_id":"b","ts":{{Now}}}"""));
        Assert.Equal(
            new ParsedTrafficEvent("b", Now, 0, -1),
            Accepted($$$"""{"business_id":"b","ts":{{{Now}}},"status":"200","response_ms":{"v":1}}"""));
        Assert.Equal(
            new ParsedTrafficEvent("b", Now, 503, 12),
            Accepted($$"""{"business_id":"b","ts":{{Now}},"status":503,"response_ms":12.9}"""));
    }

    [Fact]
    public void NestedUnknownValuesAreSkippedEvenWhenTheyHoldKnownNames()
    {
        var evt = Accepted(
            $$"""
            {"meta":{"business_id":"inner","ts":1,"deep":[1,{"status":500},[[],{}]]},
             "business_id":"outer",
             "tags":[["ts",{"ts":"garbage"}],null,true,"x"],
             "ts":{{Now}},
             "after":{"response_ms":999},
             "status":201}
            """);

        Assert.Equal(new ParsedTrafficEvent("outer", Now, 201, -1), evt);
    }

    [Fact]
    public void DuplicateKeysLastWins()
    {
        var evt = Accepted($$"""{"business_id":"first","ts":"garbage","status":1,"business_id":"last","visit_time":{{Now}},"status":204}""");

        Assert.Equal(new ParsedTrafficEvent("last", Now, 204, -1), evt);
        Rejected(RejectReason.InvalidTimestamp, $$"""{"business_id":"b","ts":{{Now}},"timestamp":"garbage"}""");
    }

    [Fact]
    public void LeadingWhitespaceAndByteOrderMarkAreFine()
    {
        Assert.True(Parse($"  \r\n\t{ContractExample}\n").Ok);
        Assert.True(Parse([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ContractExample)]).Ok);
    }

    [Fact]
    public void EscapedIdsAndPropertyNamesAreUnescaped()
    {
        Assert.Equal("Abc/é", Accepted($$"""{"business\u005fid":"\u0041bc\/\u00e9","ts":{{Now}}}""").BusinessId);
    }

    [Fact]
    public void BusinessIdOf128BytesIsAcceptedAnd129IsInvalid()
    {
        var longest = new string('a', TrafficEventParser.MaxBusinessIdBytes);
        Assert.Equal(longest, Accepted($$"""{"business_id":"{{longest}}","ts":{{Now}}}""").BusinessId);

        // A valid key does not rescue an id the value got wrong.
        Rejected(RejectReason.InvalidBusinessId, $$"""{"business_id":"{{longest}}a","ts":{{Now}}}""", key: "k");
        Rejected(RejectReason.InvalidBusinessId, $$"""{"business_id":"{{new string('a', 10_000)}}","ts":{{Now}}}""");
        // Length is judged after unescaping: 64 escaped é (two UTF-8 bytes each) plus "a" is 129 bytes.
        Rejected(RejectReason.InvalidBusinessId, $$"""{"business_id":"{{Escaped("\\u00e9", 64)}}a","ts":{{Now}}}""");

        // 128 six-byte escapes is the longest escaped text that is unescaped at all; one more is rejected unread.
        Assert.Equal(longest.ToUpperInvariant(), Accepted($$"""{"business_id":"{{Escaped("\\u0041", 128)}}","ts":{{Now}}}""").BusinessId);
        Rejected(RejectReason.InvalidBusinessId, $$"""{"business_id":"{{Escaped("\\u0041", 129)}}","ts":{{Now}}}""");

        static string Escaped(string escape, int count) => string.Concat(Enumerable.Repeat(escape, count));
    }

    [Fact]
    public void UnusableKeyCountsAsNoKey()
    {
        var tooLong = new string('k', TrafficEventParser.MaxBusinessIdBytes + 1);
        Rejected(RejectReason.MissingBusinessId, $$"""{"ts":{{Now}}}""", key: tooLong);

        var (ok, _, reason) = TryWithKey([0xC3, 0x28]);
        Assert.False(ok);
        Assert.Equal(RejectReason.MissingBusinessId, reason);

        static (bool, ParsedTrafficEvent, RejectReason) TryWithKey(byte[] key)
        {
            var ok = TrafficEventParser.TryParse(
                key, Encoding.UTF8.GetBytes($$"""{"ts":{{Now}}}"""), Now, ParseLimits.Default, out var evt, out var reason);
            return (ok, evt, reason);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("hello world")]
    [InlineData("business_id=b1 ts=1795438379342")]
    [InlineData("<xml/>")]
    public void NotJson(string value) => Rejected(RejectReason.NotJson, value);

    [Fact]
    public void BinaryGarbageIsNotJson()
    {
        var (ok, _, reason) = Parse([0x00, 0x9F, 0xFF, 0x13, 0x7B, 0x22, 0xC3]);

        Assert.False(ok);
        Assert.Equal(RejectReason.NotJson, reason);
    }

    [Theory]
    [InlineData("""{"business_id":"b","ts":17954""")]
    [InlineData("""{"business_id":"b","ts":1795438379342""")]
    [InlineData("""{"business_id":"b""")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("1795438379342")]
    [InlineData("\"business_id\"")]
    [InlineData("null")]
    [InlineData("""{"business_id":"b","ts":1795438379342}{"business_id":"c"}""")]
    [InlineData("""{"business_id":"b","ts":1795438379342} trailing""")]
    [InlineData("""{"business_id":"b","ts":1795438379342,}""")]
    [InlineData("""{business_id:"b"}""")]
    [InlineData("""{"business_id":42,"ts":1795438379342}""")]
    [InlineData("""{"business_id":["b"],"ts":1795438379342}""")]
    [InlineData("""{"business_id":"\ud800","ts":1795438379342}""")]
    public void Malformed(string value) => Rejected(RejectReason.Malformed, value, key: "k");

    [Fact]
    public void InvalidUtf8InBusinessIdIsMalformed()
    {
        byte[] value = [.. "{\"business_id\":\"b"u8, 0xFF, .. "\",\"ts\":1795438379342}"u8];

        var (ok, _, reason) = Parse(value, key: "k");

        Assert.False(ok);
        Assert.Equal(RejectReason.Malformed, reason);
    }

    [Theory]
    [InlineData("""{"ts":1795438379342}""")]
    [InlineData("""{"business_id":"","ts":1795438379342}""")]
    [InlineData("""{"business_id":null,"ts":1795438379342}""")]
    public void MissingBusinessId(string value) => Rejected(RejectReason.MissingBusinessId, value);

    [Theory]
    [InlineData("""{"business_id":"b"}""")]
    [InlineData("""{"business_id":"b","ts":null}""")]
    [InlineData("""{"business_id":"b","time":1795438379342,"meta":{"ts":1795438379342}}""")]
    public void MissingTimestamp(string value) => Rejected(RejectReason.MissingTimestamp, value);

    [Theory]
    [InlineData("\"yesterday-ish garbage\"")]
    [InlineData("\"\"")]
    [InlineData("\"2026-13-45T99:00:00Z\"")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-1795438379342")]
    [InlineData("\"-1795438379342\"")]
    [InlineData("-9223372036854775808")]
    [InlineData("-1e300")]
    [InlineData("0.0001")]
    [InlineData("true")]
    [InlineData("{\"ms\":1795438379342}")]
    [InlineData("[1795438379342]")]
    [InlineData("\"1969-12-31T23:59:59Z\"")]
    public void InvalidTimestamp(string ts) => Rejected(RejectReason.InvalidTimestamp, $$"""{"business_id":"b","ts":{{ts}}}""");

    [Fact]
    public void FarFutureIsRejected() =>
        Rejected(RejectReason.TooFarInFuture, $$"""{"business_id":"b","ts":{{Now + 3_600_000}}}""");

    // Past the year 9999 no date can hold it, but it is still a time far in the future, not an unreadable one.
    [Theory]
    [InlineData("99999999999")]
    [InlineData("253402300800000")]
    [InlineData("9223372036854775807")]
    [InlineData("1e300")]
    [InlineData("\"1e400\"")]
    [InlineData("\"99999999999999999\"")]
    [InlineData("\"9999-12-31T23:59:59Z\"")]
    public void TimesFarBeyondTheLimitAreTooFarInFuture(string ts) =>
        Rejected(RejectReason.TooFarInFuture, $$"""{"business_id":"b","ts":{{ts}}}""");

    [Fact]
    public void TimesBeyondTheYear9999AreTooFarInFutureEvenWithoutLimits()
    {
        var (ok, _, reason) = Parse("""{"business_id":"b","ts":9223372036854775807}""", limits: new ParseLimits(long.MaxValue, long.MaxValue));

        Assert.False(ok);
        Assert.Equal(RejectReason.TooFarInFuture, reason);
    }

    [Theory]
    [InlineData("b\\u0000")]
    [InlineData("\\u0000")]
    [InlineData("b\\n1")]
    [InlineData("b\\r")]
    [InlineData("\\tb")]
    [InlineData("b\\u001f")]
    [InlineData("b\\u007f")]
    [InlineData("b\\u0085")]
    [InlineData("b\\u009F")]
    [InlineData("b\u007f")] // JSON lets DEL and C1 controls stand unescaped
    [InlineData("b\u0085")]
    public void ControlCharactersInTheBusinessIdAreInvalid(string escapedId) =>
        Rejected(RejectReason.InvalidBusinessId, $$"""{"business_id":"{{escapedId}}","ts":{{Now}}}""", key: "k");

    [Fact]
    public void UnescapedC0ControlsAreNotJsonStringsAtAll() =>
        Rejected(RejectReason.Malformed, "{\"business_id\":\"b\0\n\",\"ts\":" + Now + "}", key: "k");

    [Theory]
    [InlineData("b\\u00a0")] // no-break space: odd, but printable
    [InlineData("b\\u00c2")] // Â: its UTF-8 lead byte is C2, as for the C1 controls
    [InlineData("b\\u00e9\\u00c2x")]
    [InlineData("caf\\u00e9 \\u2603")]
    public void PrintableCharactersNextToControlRangesAreFine(string escapedId) =>
        Assert.NotEmpty(Accepted($$"""{"business_id":"{{escapedId}}","ts":{{Now}}}""").BusinessId);

    [Theory]
    [InlineData("b\u0000")]
    [InlineData("b\n")]
    [InlineData("b\u007f")]
    [InlineData("b\u0085")]
    public void AKeyWithControlCharactersCannotStandInForTheId(string key) =>
        Rejected(RejectReason.MissingBusinessId, $$"""{"ts":{{Now}}}""", key: key);

    [Fact]
    public void ARecordLongerThanTheLimitIsTooLargeWhateverItHolds()
    {
        // A well-formed event with a valid id and time, padded to 500 kB: the hostile record that used to count.
        var huge = $$"""{"business_id":"b","ts":{{Now}},"pad":"{{new string('x', 500_000)}}"}""";
        Rejected(RejectReason.TooLarge, huge);
        Rejected(RejectReason.TooLarge, new string('x', 500_000)); // size is judged before anything else
    }

    [Fact]
    public void TheRecordLimitCountsKeyAndValueAndIsInclusive()
    {
        var limits = ParseLimits.Default with { MaxRecordBytes = 100 };
        var head = $$"""{"business_id":"b","ts":{{Now}},"pad":""" + "\"";
        string Padded(int length) => head + new string('x', length - head.Length - 2) + "\"}";

        Assert.True(Parse(Padded(100), limits: limits).Ok);
        Assert.Equal((false, RejectReason.TooLarge), At(Padded(101), key: null));
        Assert.Equal((false, RejectReason.TooLarge), At(Padded(99), key: "kk"));
        Assert.True(Parse(Padded(99), key: "k", limits: limits).Ok);

        (bool, RejectReason) At(string value, string? key)
        {
            var (ok, _, reason) = Parse(value, key, limits: limits);
            return (ok, reason);
        }
    }

    [Fact]
    public void DefaultRecordLimitIs64KiB()
    {
        Assert.Equal(65_536, ParseLimits.Default.MaxRecordBytes);
        var (ok, _, _) = Parse($$"""{"business_id":"b","ts":{{Now}},"pad":"{{new string('x', 60_000)}}"}""");
        Assert.True(ok);
    }

    [Fact]
    public void FarPastIsRejected() =>
        Rejected(RejectReason.TooOld, """{"business_id":"b","visit_time":"2020-01-01T00:00:00Z"}""");

    [Fact]
    public void LimitsAreInclusive()
    {
        var limits = ParseLimits.Default;
        (bool, RejectReason) At(long ts)
        {
            var (ok, _, reason) = Parse($$"""{"business_id":"b","ts":{{ts}}}""", limits: limits);
            return (ok, reason);
        }

        Assert.True(At(Now + limits.MaxFutureMs).Item1);
        Assert.Equal((false, RejectReason.TooFarInFuture), At(Now + limits.MaxFutureMs + 1));
        Assert.True(At(Now - limits.MaxAgeMs).Item1);
        Assert.Equal((false, RejectReason.TooOld), At(Now - limits.MaxAgeMs - 1));
    }

    [Fact]
    public void UnboundedLimitsDoNotOverflow()
    {
        var (ok, _, _) = Parse($$"""{"business_id":"b","ts":1}""", limits: new ParseLimits(long.MaxValue, long.MaxValue));

        Assert.True(ok);
    }

    [Fact]
    public void DefaultLimitsAreFiveMinutesAndOneDay()
    {
        Assert.Equal(new ParseLimits(300_000, 86_400_000), ParseLimits.Default);
    }

    [Fact]
    public void RandomTruncationsNeverThrowAndAreRejected()
    {
        var full = Encoding.UTF8.GetBytes(ContractExample);
        var random = new Random(20_251_123);

        for (var i = 0; i < 1_000; i++)
        {
            var length = random.Next(full.Length);
            var (ok, _, reason) = Parse(full[..length], key: "k");

            // Every proper prefix is an unclosed object, or nothing at all.
            Assert.False(ok, $"accepted a {length}-byte prefix");
            Assert.Equal(length == 0 ? RejectReason.NotJson : RejectReason.Malformed, reason);
        }
    }

    [Fact]
    public void RandomByteCorruptionNeverThrows()
    {
        var full = Encoding.UTF8.GetBytes(ContractExample);
        var random = new Random(42);

        for (var i = 0; i < 1_000; i++)
        {
            var corrupted = full[..random.Next(full.Length + 1)];
            for (var flips = random.Next(1, 4); flips > 0 && corrupted.Length > 0; flips--)
            {
                corrupted[random.Next(corrupted.Length)] = (byte)random.Next(256);
            }

            var (ok, evt, reason) = Parse(corrupted, key: random.Next(2) == 0 ? null : "k");

            if (ok)
            {
                Assert.False(string.IsNullOrEmpty(evt.BusinessId));
            }
            else
            {
                Assert.True(Enum.IsDefined(reason));
            }
        }
    }

    [Fact]
    public void OnlyTheBusinessIdIsAllocatedWhenTheDimensionValuesAreKnown()
    {
        var value = Encoding.UTF8.GetBytes(ContractExample);
        var values = new DimensionValuePool();
        TrafficEventParser.TryParse([], value, Now, ParseLimits.Default, out _, out _, values: values);

        const int Iterations = 100;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            TrafficEventParser.TryParse([], value, Now, ParseLimits.Default, out _, out _, values: values);
        }

        var perParse = (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;

        // A 22-char string is 20 bytes of header and length plus 44 of chars, padded to 72 on 64-bit.
        Assert.InRange(perParse, 1, 72);
    }

    [Fact]
    public void NothingIsAllocatedForAKnownBusinessAndKnownDimensionValues()
    {
        var value = Encoding.UTF8.GetBytes(ContractExample);
        var (ids, values) = (new BusinessIdPool(), new DimensionValuePool());
        TrafficEventParser.TryParse([], value, Now, ParseLimits.Default, out _, out _, ids, values);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            TrafficEventParser.TryParse([], value, Now, ParseLimits.Default, out _, out _, ids, values);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
