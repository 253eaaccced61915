using Holler.Domain.Catalog;
using Holler.Generation;
using Holler.Host.Configuration;
using Holler.Host.Node;
using Holler.Tests.Support;
using Holler.Web.Feed;
using Microsoft.Extensions.DependencyInjection;

namespace Holler.Tests.Web;

/// <summary>
/// A dev node whose generator confines each injected surge to one platform and one page and raises busy businesses'
/// 5xx share in error bursts. Ten minutes of traffic are replayed (10× fast) before the first surge, so every
/// business has learned its usual shares: a driver is a share that grew against that baseline, and a surge against
/// a baseline of a few seconds would soon be its own baseline.
/// </summary>
public sealed class DimensionsDevNodeFixture : IAsyncLifetime
{
    public const double Rate = 300;
    public const int Businesses = 2_000;
    public const double Backfill = 600;
    public const double FirstSurgeAfter = 540, SurgeEvery = 10, SurgeDuration = 150;
    public const double ErrorShare = 0.05, FirstErrorBurstAfter = 480, ErrorBurstEvery = 20, ErrorBurstDuration = 240, ErrorBurstShare = 0.40;

    private readonly TempDir _data = new();

    public HollerNode Node { get; private set; } = null!;

    public Uri Dashboard => Node.Endpoints.DashboardUrl!;

    public ClusterFeed Feed => Node.Services.GetRequiredService<ClusterFeed>();

    public BusinessCatalog Catalog => Node.Services.GetRequiredService<BusinessCatalog>();

    private string TruthPath => Path.Combine(_data.Path, "truth.jsonl");

    public async ValueTask InitializeAsync()
    {
        var config = TestNodes.Config("", _data.Path, Businesses, o =>
        {
            o.Generator.Enabled = true;
            o.Generator.Rate = Rate;
            o.Generator.BackfillSeconds = Backfill;
            o.Generator.FirstSurgeAfterSeconds = FirstSurgeAfter;
            o.Generator.SurgeEverySeconds = SurgeEvery;
            o.Generator.SurgeDurationSeconds = SurgeDuration;
            o.Generator.SurgeFocus = "platform-and-path";
            o.Generator.ErrorShare = ErrorShare;
            o.Generator.FirstErrorBurstAfterSeconds = FirstErrorBurstAfter;
            o.Generator.ErrorBurstEverySeconds = ErrorBurstEvery;
            o.Generator.ErrorBurstDurationSeconds = ErrorBurstDuration;
            o.Generator.ErrorBurstShare = ErrorBurstShare;
            o.Generator.TruthFile = TruthPath;
            // Surges land on businesses of popularity rank 1%–30%, a few events a minute: they keep a breakdown too.
            o.Dimensions.MinEventsPerMinute = 1;
        });
        Node = await TestNodes.StartAsync(config);
    }

    /// <summary>The injected surges so far, each with the platform and page its extra events are confined to: the
    /// node's plan rebuilt from its settings, its start read off the ground truth the generator writes.</summary>
    public IReadOnlyList<PlannedSurge> InjectedSurges()
    {
        var truth = File.Exists(TruthPath) ? SurgeTruth.ReadAll(new StringReader(ReadShared(TruthPath))) : [];
        if (truth.Count == 0) return [];
        var plan = Plan(truth[0].Start.ToUnixTimeMilliseconds() - (long)(FirstSurgeAfter * 1000));
        var surges = truth.Select((t, k) => plan.Surge(k)).ToList();
        for (var k = 0; k < truth.Count; k++)
            Assert.Equal(truth[k].BusinessId, Catalog[surges[k].BusinessIndex].Id);
        return surges;
    }

    /// <summary>The businesses of the error bursts started before <paramref name="nowMs"/>.</summary>
    public IReadOnlyList<string> ErrorBurstBusinesses(long nowMs)
    {
        var truth = File.Exists(TruthPath) ? SurgeTruth.ReadAll(new StringReader(ReadShared(TruthPath))) : [];
        if (truth.Count == 0) return [];
        var plan = Plan(truth[0].Start.ToUnixTimeMilliseconds() - (long)(FirstSurgeAfter * 1000));
        return [.. plan.ErrorBurstsStartingBefore(nowMs).Select(b => Catalog[b.BusinessIndex].Id).Distinct()];
    }

    private TrafficPlan Plan(long startMs)
    {
        var options = new GeneratorOptionsSection();
        return new TrafficPlan(new GeneratorSettings
        {
            Businesses = Catalog,
            BusinessCount = Catalog.Count,
            StartMs = startMs,
            EventsPerSecond = Rate,
            Seed = options.Seed,
            ZipfExponent = options.ZipfExponent,
            DailyRhythm = options.DailyRhythm,
            SurgeEvery = TimeSpan.FromSeconds(SurgeEvery),
            FirstSurgeAfter = TimeSpan.FromSeconds(FirstSurgeAfter),
            SurgeDuration = TimeSpan.FromSeconds(SurgeDuration),
            SurgeFocus = SurgeFocus.PlatformAndPath,
            ErrorShare = ErrorShare,
            ErrorBurstEvery = TimeSpan.FromSeconds(ErrorBurstEvery),
            FirstErrorBurstAfter = TimeSpan.FromSeconds(FirstErrorBurstAfter),
            ErrorBurstDuration = TimeSpan.FromSeconds(ErrorBurstDuration),
            ErrorBurstShare = ErrorBurstShare,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _data.Dispose();
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
