using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Holler.Domain.Catalog;

namespace Holler.Generation;

/// <summary>
/// Renders a traffic event as the event contract's JSON (docs/architecture.md#the-event-contract) into one reusable
/// buffer. The optional fields (method, status, platform, user, session, referrer, latency, region) are a pure function
/// of (seed, sequence, business, timestamp, shape), so a replay produces byte-identical messages. The mixes are in
/// docs/dimensions.md#the-generator.
/// </summary>
public sealed class EventJson
{
    /// <summary>Size of the simulated user population; user ids are drawn uniformly from it.</summary>
    public const int Users = 2_000_000;

    /// <summary>Sessions are cut at fixed 30-minute boundaries per user: crude, but stable and stateless.</summary>
    public const long SessionMs = 30 * 60 * 1000;

    private static readonly JsonEncodedText BusinessIdName = JsonEncodedText.Encode("business_id");
    private static readonly JsonEncodedText TsName = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText MethodName = JsonEncodedText.Encode("method");
    private static readonly JsonEncodedText PathName = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText PlatformName = JsonEncodedText.Encode("platform");
    private static readonly JsonEncodedText UserIdName = JsonEncodedText.Encode("user_id");
    private static readonly JsonEncodedText SessionIdName = JsonEncodedText.Encode("session_id");
    private static readonly JsonEncodedText ReferrerName = JsonEncodedText.Encode("referrer");
    private static readonly JsonEncodedText ResponseMsName = JsonEncodedText.Encode("response_ms");
    private static readonly JsonEncodedText RegionName = JsonEncodedText.Encode("region");

    private static readonly JsonEncodedText Get = JsonEncodedText.Encode("GET");
    private static readonly JsonEncodedText Post = JsonEncodedText.Encode("POST");

    /// <summary>The platforms events come from, in the order of <see cref="PlatformShares"/>.</summary>
    public static readonly string[] PlatformNames = ["web", "mobile-web", "ios", "android", "app"];

    /// <summary>Out of 256: web 40%, mobile web 15%, iOS 25%, Android 17%, other apps 3%.</summary>
    private static readonly int[] PlatformShares = [102, 141, 205, 249, 256];

    private static readonly JsonEncodedText[] Platforms = [.. PlatformNames.Select(p => JsonEncodedText.Encode(p))];

    /// <summary>Referrer categories, in the order of <see cref="ReferrerShares"/>.</summary>
    public static readonly string[] ReferrerNames = ["search", "direct", "maps", "social", "ads", "email"];

    /// <summary>Out of 256: search 40%, direct 25%, maps 12%, social 10%, ads 8%, email 5%.</summary>
    private static readonly int[] ReferrerShares = [102, 166, 197, 223, 243, 256];

    private static readonly JsonEncodedText[] Referrers = [.. ReferrerNames.Select(r => JsonEncodedText.Encode(r))];

    /// <summary>A business's pages after <c>/biz/ID</c>, most viewed first; their views fall off as Zipf (s = 1).</summary>
    public static readonly string[] PageSuffixes =
        ["", "/menu", "/photos", "/reviews", "/hours", "/directions", "/order", "/book", "/deals", "/events", "/questions", "/write-a-review"];

    // Cumulative Zipf weights of the pages out of 65,536.
    private static readonly int[] PageCumulative = ZipfCumulative(PageSuffixes.Length, 65_536);

    /// <summary>Regulars per business: a returning visitor is one of these, so a business's distinct users grow
    /// slower than its views, as real audiences do.</summary>
    public const int RegularsPerBusiness = 400;

    /// <summary>Out of 256: the share of usual views by a regular (60%); the rest, and every extra view of a surge,
    /// come from the whole population.</summary>
    private const int ReturningShare = 154;

    private readonly BusinessCatalog _catalog;
    private readonly ulong _key;
    // Index into _regions, found on first use: -1 = not looked up yet.
    private readonly short[] _metroByBusiness;
    private readonly JsonEncodedText[] _regions;
    private const string BizPrefix = "/biz/";

    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private char[] _path = new char[64];
    private readonly Utf8JsonWriter _writer;

    private readonly double _errorShare;

    /// <param name="errorShare">Share of 5xx responses in usual traffic (<see cref="GeneratorSettings.ErrorShare"/>).</param>
    public EventJson(BusinessCatalog catalog, int seed = 42, double errorShare = 0.02)
    {
        _errorShare = errorShare;
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _key = DeterministicRandom.Mix((ulong)(uint)seed ^ 0xB7E151628AED2A6BUL);
        _metroByBusiness = new short[catalog.Count];
        Array.Fill(_metroByBusiness, (short)-1);
        _regions = [.. MetroAreas.All.Select(m => JsonEncodedText.Encode(m.Region))];
        // Validation off: the shape is fixed by this class; the encoder only has to escape what ids might hold.
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The JSON of one event; the span is overwritten by the next call.</summary>
    /// <param name="sequence">The event's position in its plan; it seeds the optional fields.</param>
    /// <param name="shape">What the fields are pinned to: an injected surge's platform or page, an error burst's share.</param>
    public ReadOnlySpan<byte> Write(int businessIndex, long timestampMs, long sequence, in EventShape shape = default)
    {
        var business = _catalog[businessIndex];
        var h1 = DeterministicRandom.Mix(_key ^ DeterministicRandom.Mix((ulong)sequence));
        var h2 = DeterministicRandom.Mix(h1 + 0x9E3779B97F4A7C15UL);
        var h3 = DeterministicRandom.Mix(h2 + 0x9E3779B97F4A7C15UL);

        var errorShare = shape.ErrorShare ?? _errorShare;
        var status = (h3 & 0xFFFF) / 65_536.0 < errorShare
            ? ((h3 >> 16) & 3) switch { 0 => 502, 1 => 503, _ => 500 }
            : ((h3 >> 18) & 0x3FF) switch { < 36 => 404, < 67 => 304, _ => 200 };
        var pinned = shape.Platform is not null || shape.Path is not null;
        // A surge brings new people; usual traffic is partly regulars.
        var user = !pinned && ((h3 >> 28) & 0xFF) < ReturningShare
            ? (long)(DeterministicRandom.Mix(_key ^ (ulong)businessIndex * 0x2545F4914F6CDD1DUL ^ ((h3 >> 36) % RegularsPerBusiness)) % Users)
            : (long)((h1 >> 24) % Users);
        var platform = Pick(PlatformShares, (int)((h1 >> 10) & 0xFF));
        var method = ((h1 >> 18) & 0x3F) < 5 ? Post : Get;
        var referrer = Pick(ReferrerShares, (int)(h2 & 0xFF));
        var responseMs = 12 + (long)((h2 >> 8) % 70);
        if (((h2 >> 16) & 0x3F) == 0) responseMs += 200 + (long)((h2 >> 22) % 1000);
        if (status >= 500) responseMs += 300;
        var page = Pick(PageCumulative, (int)((h2 >> 32) & 0xFFFF));
        // Most visitors are local; some look the business up from another metro.
        var region = ((h2 >> 48) & 0xFF) < 218 ? RegionOf(businessIndex, business) : _regions[(int)((h2 >> 56) % (ulong)_regions.Length)];

        Span<char> scratch = stackalloc char[64];
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString(BusinessIdName, business.Id);
        _writer.WriteNumber(TsName, timestampMs);
        _writer.WriteString(MethodName, method);
        if (shape.Path is { } path) _writer.WriteString(PathName, path);
        else _writer.WriteString(PathName, BuildPath(business.Id, PageSuffixes[page]));
        _writer.WriteNumber(StatusName, status);
        if (shape.Platform is { } pinnedPlatform) _writer.WriteString(PlatformName, pinnedPlatform);
        else _writer.WriteString(PlatformName, Platforms[platform]);
        _writer.WriteString(UserIdName, Format(scratch, "u-", (ulong)user, hex: false));
        var session = DeterministicRandom.Mix(_key ^ (ulong)user * 31 ^ (ulong)(timestampMs / SessionMs)) & 0xFFFFFFFF;
        _writer.WriteString(SessionIdName, Format(scratch, "s-", session, hex: true));
        _writer.WriteString(ReferrerName, Referrers[referrer]);
        _writer.WriteNumber(ResponseMsName, responseMs);
        _writer.WriteString(RegionName, region);
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>The path of one of a business's pages (an index into <see cref="PageSuffixes"/>).</summary>
    public static string PagePath(string businessId, int page) => BizPrefix + businessId + PageSuffixes[page];

    /// <summary>The first index whose cumulative share exceeds <paramref name="draw"/>.</summary>
    private static int Pick(int[] cumulative, int draw)
    {
        for (var i = 0; i < cumulative.Length - 1; i++)
            if (draw < cumulative[i]) return i;
        return cumulative.Length - 1;
    }

    private static int[] ZipfCumulative(int n, int total)
    {
        var harmonic = Enumerable.Range(1, n).Sum(k => 1.0 / k);
        var cumulative = new int[n];
        var sum = 0.0;
        for (var k = 0; k < n; k++)
        {
            sum += 1.0 / (k + 1) / harmonic;
            cumulative[k] = (int)Math.Round(sum * total);
        }

        cumulative[^1] = total;
        return cumulative;
    }

    private JsonEncodedText RegionOf(int index, BusinessInfo business)
    {
        var metro = _metroByBusiness[index];
        if (metro < 0)
        {
            var found = MetroAreas.Find(business.City) ?? MetroAreas.Nearest(business.Latitude, business.Longitude);
            _metroByBusiness[index] = metro = (short)IndexOf(found);
        }
        return _regions[metro];
    }

    private static int IndexOf(MetroArea metro)
    {
        for (var i = 0; i < MetroAreas.All.Count; i++)
            if (ReferenceEquals(MetroAreas.All[i], metro)) return i;
        throw new InvalidOperationException($"{metro.Name} is not in MetroAreas.All");
    }

    /// <summary>Built in a reused buffer: a string per event would be the generator's biggest garbage source.</summary>
    private ReadOnlySpan<char> BuildPath(string id, string suffix)
    {
        var length = BizPrefix.Length + id.Length + suffix.Length;
        if (_path.Length < length) _path = new char[length * 2];
        var path = _path.AsSpan();
        BizPrefix.CopyTo(path);
        id.CopyTo(path[BizPrefix.Length..]);
        suffix.CopyTo(path[(BizPrefix.Length + id.Length)..]);
        return path[..length];
    }

    private static ReadOnlySpan<char> Format(Span<char> scratch, string prefix, ulong value, bool hex)
    {
        prefix.CopyTo(scratch);
        value.TryFormat(scratch[prefix.Length..], out var written, hex ? "x8" : default, System.Globalization.CultureInfo.InvariantCulture);
        return scratch[..(prefix.Length + written)];
    }
}
