using System.Diagnostics;
using System.Text.Json;
using Holler.Tests.Support;

namespace Holler.Tests.Access;

/// <summary>
/// The OpenID provider of tools/oidc-test-provider (the npm package oidc-provider) run with the machine's Node.js for one
/// test class; <c>./build.sh test</c> installs it with <c>npm ci</c>. Its login page takes any login; the claims each
/// login gets (roles, businesses) are the test's.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    private readonly Process _process;

    private OidcTestProvider(Process process, Uri issuer)
    {
        _process = process;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    public static async Task<OidcTestProvider> StartAsync(string clientId, string clientSecret, Uri redirectUri,
        IReadOnlyDictionary<string, (string[] Roles, string[] Businesses)> accounts)
    {
        var folder = Repository.PathOf("tools", "oidc-test-provider");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
            Assert.Fail($"the OpenID test provider is not installed: npm ci --prefix {folder} (./build.sh test does it)");
        var start = new ProcessStartInfo("node", "provider.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CLIENT_ID"] = clientId;
        start.Environment["CLIENT_SECRET"] = clientSecret;
        start.Environment["REDIRECT_URI"] = redirectUri.ToString();
        start.Environment["ACCOUNTS"] = JsonSerializer.Serialize(accounts.ToDictionary(a => a.Key, a => new { roles = a.Value.Roles, businesses = a.Value.Businesses }));
        var process = Process.Start(start)!;
        // Its warnings (development keys, development login page) are expected; drained so the pipe never fills.
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null || !Uri.TryCreate(line.Trim(), UriKind.Absolute, out var issuer))
                throw new InvalidOperationException($"the OpenID test provider did not print its issuer (got '{line}')");
            return new OidcTestProvider(process, issuer);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing its standard input ends it (provider.mjs); killed if it does not.
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        _process.Dispose();
    }
}
