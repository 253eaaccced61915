namespace Holler.Domain;

/// <summary>The event contract's <c>platform</c>, folded to a byte so a batch carries it without a string per event.</summary>
/// <remarks>Values are stored in batches and snapshots: new platforms go at the end.</remarks>
public enum Platform : byte
{
    /// <summary>Not sent, null, or not a string.</summary>
    Unknown,
    Web,
    MobileWeb,
    Ios,
    Android,

    /// <summary>A native app that does not say which OS (<c>app</c>, <c>mobile</c>).</summary>
    App,

    /// <summary>Some other string: counted, but not told apart.</summary>
    Other,
}

/// <summary>Names of <see cref="Platform"/> as the contract spells them.</summary>
public static class PlatformNames
{
    private static readonly string[] Names = ["unknown", "web", "mobile-web", "ios", "android", "app", "other"];

    public static int Count => Names.Length;

    public static string Name(this Platform platform) => (int)platform < Names.Length ? Names[(int)platform] : "other";

    /// <summary>Reads a producer's spelling, ASCII case-insensitively; anything unrecognised is <see cref="Platform.Other"/>.</summary>
    public static Platform Parse(ReadOnlySpan<byte> utf8)
    {
        Span<byte> lower = stackalloc byte[16];
        if (utf8.IsEmpty) return Platform.Unknown;
        if (utf8.Length > lower.Length) return Platform.Other;
        for (var i = 0; i < utf8.Length; i++) lower[i] = (byte)(utf8[i] is >= (byte)'A' and <= (byte)'Z' ? utf8[i] | 0x20 : utf8[i]);
        var text = lower[..utf8.Length];
        if (text.SequenceEqual("web"u8) || text.SequenceEqual("desktop"u8)) return Platform.Web;
        if (text.SequenceEqual("mobile-web"u8) || text.SequenceEqual("mobile_web"u8) || text.SequenceEqual("mweb"u8)) return Platform.MobileWeb;
        if (text.SequenceEqual("ios"u8) || text.SequenceEqual("iphone"u8) || text.SequenceEqual("ipad"u8)) return Platform.Ios;
        if (text.SequenceEqual("android"u8)) return Platform.Android;
        if (text.SequenceEqual("app"u8) || text.SequenceEqual("mobile"u8) || text.SequenceEqual("mobile_app"u8)) return Platform.App;
        return Platform.Other;
    }
}
