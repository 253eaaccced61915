using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Holler.Domain.Catalog;

namespace Holler.Generation;

/// <summary>
/// Renders a traffic event as the event contract's JSON (docs/architecture.md#the-event-contract) into one reusable
/// buffer. The optional fields (method, status, platform, user, session, referrer, latency, region) are a pure function
/// of (seed, sequence, business, timestamp), so a replay produces byte-identical messages.
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
    private static readonly JsonEncodedText[] Platforms = [JsonEncodedText.Encode("web"), JsonEncodedText.Encode("ios"), JsonEncodedText.Encode("android")];
    private static readonly JsonEncodedText[] Referrers =
        [JsonEncodedText.Encode("search"), JsonEncodedText.Encode("direct"), JsonEncodedText.Encode("social"), JsonEncodedText.Encode("ads"), JsonEncodedText.Encode("maps")];
    private static readonly string[] PathSuffixes = ["", "/photos", "/reviews", "/menu"];

    private readonly BusinessCatalog _catalog;
    private readonly ulong _key;
    // Index into _regions, found on first use: -1 = not looked up yet.
    private readonly short[] _metroByBusiness;
    private readonly JsonEncodedText[] _regions;
    private const string BizPrefix = "/biz/";

    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private char[] _path = new char[64];
    private readonly Utf8JsonWriter _writer;

    public EventJson(BusinessCatalog catalog, int seed = 42)
    {
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
    public ReadOnlySpan<byte> Write(int businessIndex, long timestampMs, long sequence)
    {
        var business = _catalog[businessIndex];
        var h1 = DeterministicRandom.Mix(_key ^ DeterministicRandom.Mix((ulong)sequence));
        var h2 = DeterministicRandom.Mix(h1 + 0x9E3779B97F4A7C15UL);

        var status = (h1 & 0x3FF) switch { < 15 => 500, < 55 => 404, _ => 200 };
        var user = (long)((h1 >> 24) % Users);
        var platform = ((h1 >> 10) & 0xFF) switch { < 128 => 0, < 205 => 1, _ => 2 };
        var method = ((h1 >> 18) & 0x3F) < 5 ? Post : Get;
        var referrer = ((h2 & 0xFF) * 20 >> 8) switch { < 8 => 0, < 13 => 1, < 16 => 2, < 18 => 3, _ => 4 };
        var responseMs = 12 + (long)((h2 >> 8) % 70);
        if (((h2 >> 16) & 0x3F) == 0) responseMs += 200 + (long)((h2 >> 22) % 1000);
        if (status == 500) responseMs += 300;
        var suffix = ((h2 >> 32) & 0xFF) switch { < 204 => 0, < 224 => 1, < 244 => 2, _ => 3 };
        // Most visitors are local; some look the business up from another metro.
        var region = ((h2 >> 40) & 0xFF) < 218 ? RegionOf(businessIndex, business) : _regions[(int)((h2 >> 48) % (ulong)_regions.Length)];

        Span<char> scratch = stackalloc char[64];
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString(BusinessIdName, business.Id);
        _writer.WriteNumber(TsName, timestampMs);
        _writer.WriteString(MethodName, method);
        _writer.WriteString(PathName, BuildPath(business.Id, PathSuffixes[suffix]));
        _writer.WriteNumber(StatusName, status);
        _writer.WriteString(PlatformName, Platforms[platform]);
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
