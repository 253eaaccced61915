using Microsoft.Playwright;

namespace Holler.Tests.Web;

/// <summary>
/// Debian's chromium (installed by .ci/run), headless, driven by Playwright. No browser is ever downloaded: Playwright's
/// own builds cannot be fetched here. Each launch gets a fresh, empty profile that is deleted afterwards.
/// </summary>
public sealed class DebianChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private DebianChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<DebianChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"Debian's chromium is not installed at {ExecutablePath}; browser tests need it: apt-get install chromium (.ci/run installs it).");
        var playwright = await Playwright.CreateAsync();
        var profile = Path.Combine(Path.GetTempPath(), "holler-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Args,
                ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
                Timeout = 60_000,
            });
            // Playwright's 30 s default is tight when the machine also runs other suites; waits are for events, not timing.
            context.SetDefaultTimeout(60_000);
            context.SetDefaultNavigationTimeout(60_000);
            return new DebianChromium(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try { Directory.Delete(_profile, recursive: true); }
        catch (IOException) { }
    }
}
