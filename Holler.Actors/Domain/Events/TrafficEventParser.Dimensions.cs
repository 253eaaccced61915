using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Holler.Domain;

/// <summary>The optional dimension fields (docs/dimensions.md). None of them ever rejects a record: a value of the
/// wrong type, too long, not UTF-8 or holding control characters reads as absent, because the event still counts.</summary>
public static partial class TrafficEventParser
{
    /// <summary>Longest path or referrer kept, in UTF-8 bytes after normalising; longer ones read as absent.</summary>
    public const int MaxDimensionBytes = 256;

    /// <summary>Longest region kept: <c>US-CA-06037</c> is 11.</summary>
    public const int MaxRegionBytes = 32;

    private const int MaxEscapedDimensionBytes = 1024;

    private enum DimensionKind { Path, Referrer, Region }

    private static Platform ReadPlatform(ref Utf8JsonReader reader, Span<byte> scratch)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return Platform.Unknown;
        }

        return Unescaped(ref reader, scratch, out var text) ? PlatformNames.Parse(text.Trim(" \t"u8)) : Platform.Other;
    }

    private static string? ReadDimension(ref Utf8JsonReader reader, Span<byte> scratch, DimensionKind kind, DimensionValuePool? pool)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        if (!Unescaped(ref reader, scratch, out var text)) return null;
        text = kind switch
        {
            DimensionKind.Path => PathOf(text),
            DimensionKind.Referrer => ReferrerOf(text),
            _ => text.Trim(" \t"u8),
        };
        var max = kind == DimensionKind.Region ? MaxRegionBytes : MaxDimensionBytes;
        if (text.IsEmpty || text.Length > max || !Utf8.IsValid(text) || HasControlCharacter(text)) return null;
        // Region codes are compared as codes: "us-ca-06037" and "US-CA-06037" are one county. Referrer hosts and
        // categories are lower case for the same reason. Paths keep their case: servers tell /Menu from /menu.
        if (kind == DimensionKind.Region) ToAsciiCase(text, upper: true);
        else if (kind == DimensionKind.Referrer) ToAsciiCase(text, upper: false);
        return pool is null ? Encoding.UTF8.GetString(text) : pool.Get(text);
    }

    /// <summary>The value's hash for distinct counts: a string's text, or a number's digits, so <c>42</c> and
    /// <c>"42"</c> are one user. 0 (absent) for anything else or an empty string.</summary>
    private static ulong ReadHashed(ref Utf8JsonReader reader, Span<byte> scratch)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return EventHash.Of(reader.ValueSpan);
            case JsonTokenType.String:
                // An id too long to unescape here is still one id: its escaped form is as stable a key.
                var text = Unescaped(ref reader, scratch, out var unescaped) ? unescaped : reader.ValueSpan;
                return text.IsEmpty ? 0 : EventHash.Of(text);
            default:
                reader.Skip();
                return 0;
        }
    }

    /// <summary>The string's bytes copied into <paramref name="scratch"/> (so they may be changed in place), unescaped;
    /// false when they do not fit.</summary>
    private static bool Unescaped(ref Utf8JsonReader reader, Span<byte> scratch, out Span<byte> text)
    {
        text = default;
        if (reader.ValueSpan.Length > scratch.Length) return false;
        if (!reader.ValueIsEscaped)
        {
            reader.ValueSpan.CopyTo(scratch);
            text = scratch[..reader.ValueSpan.Length];
            return true;
        }

        try
        {
            text = scratch[..reader.CopyString(scratch)];
            return true;
        }
        catch (InvalidOperationException)
        {
            // Escapes that do not form valid UTF-8 (a lone \ud800): a bad optional field, not a bad record.
            return false;
        }
    }

    /// <summary>Without query string and fragment: <c>/menu?utm=x</c> is the page <c>/menu</c>, and ids in query
    /// strings would otherwise make every view a page of its own.</summary>
    private static Span<byte> PathOf(Span<byte> text)
    {
        text = text.Trim(" \t"u8);
        var cut = text.IndexOfAny("?#"u8);
        return cut >= 0 ? text[..cut] : text;
    }

    /// <summary>A referrer URL's host without <c>www.</c> (<c>https://www.google.com/search?q=…</c> is
    /// <c>google.com</c>); a category such as <c>search</c> as it is.</summary>
    private static Span<byte> ReferrerOf(Span<byte> text)
    {
        text = text.Trim(" \t"u8);
        var scheme = text.IndexOf("://"u8);
        if (scheme < 0) return text;
        var host = text[(scheme + 3)..];
        var end = host.IndexOfAny("/?#:"u8);
        if (end >= 0) host = host[..end];
        var at = host.LastIndexOf((byte)'@');
        if (at >= 0) host = host[(at + 1)..];
        return host.Length > 4 && Ascii.EqualsIgnoreCase(host[..4], "www."u8) ? host[4..] : host;
    }

    private static void ToAsciiCase(Span<byte> text, bool upper)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (upper && b is >= (byte)'a' and <= (byte)'z') text[i] = (byte)(b & ~0x20);
            else if (!upper && b is >= (byte)'A' and <= (byte)'Z') text[i] = (byte)(b | 0x20);
        }
    }
}
