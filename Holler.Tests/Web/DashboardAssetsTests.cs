using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Holler.Tests.Support;

namespace Holler.Tests.Web;

/// <summary>
/// The dashboard's page and every file it loads (blazor.web.js, MudBlazor, Holler's css and scripts, Plotly) are
/// served by <c>holler run</c> started from the build output, as users and the other process tests start it. The
/// in-process node of the browser tests covers the test host; <c>dotnet run --project Holler.Host</c> reads the same
/// manifest as this one.
/// </summary>
public sealed partial class DashboardAssetsTests
{
    [Fact]
    public async Task A_node_started_from_the_build_output_serves_the_dashboard_and_all_its_files()
    {
        var token = TestContext.Current.CancellationToken;
        using var data = new TempDir();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = data.Path,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "holler.dll"), "run", "--data", data.Path, "--businesses", "100",
                     "--generator", "false", "--web-port", "0", "--operator-port", "0" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(token);
        try
        {
            var dashboard = await DashboardAddressAsync(process, token);
            using var http = new HttpClient { BaseAddress = dashboard };

            var page = await http.GetStringAsync("/", token);
            var files = AssetReference().Matches(page).Select(m => m.Groups[1].Value).ToList();
            Assert.Contains(files, f => f.StartsWith("_framework/blazor.web", StringComparison.Ordinal));
            Assert.Contains(files, f => f.StartsWith("_content/MudBlazor/", StringComparison.Ordinal));
            Assert.Contains(files, f => f.StartsWith("_content/Holler.Web/", StringComparison.Ordinal));
            // Plotly's files are loaded by its own script on the drill-down page.
            files.Add("_content/Plotly.Blazor/plotly-interop-7.2.0.js");
            files.Add("_content/Plotly.Blazor/plotly-basic-3.7.0.min.js");
            foreach (var file in files)
            {
                using var response = await http.GetAsync(file, token);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {response.StatusCode}");
                Assert.True((await response.Content.ReadAsByteArrayAsync(token)).Length > 0, $"{file} is empty");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await stdout;
        }
    }

    /// <summary>Reads the start-up banner on standard error until it names the dashboard's address.</summary>
    private static async Task<Uri> DashboardAddressAsync(Process process, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var seen = new System.Text.StringBuilder();
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            var match = DashboardLine().Match(line);
            if (match.Success) return new Uri(match.Groups[1].Value);
        }
        throw new Xunit.Sdk.XunitException($"holler run ended without naming its dashboard; stderr:\n{seen}");
    }

    [GeneratedRegex(@"^\s*dashboard\s+(http://\S+)")]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"(?:href|src)=""(_(?:framework|content)/[^""]+)""")]
    private static partial Regex AssetReference();
}
