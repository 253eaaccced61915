using Holler.Host.Configuration;
using Holler.Host.Node;
using Holler.Tests.Support;

namespace Holler.Tests.Web;

/// <summary>
/// A dev node (embedded broker, built-in generator injecting surges, every role, the dashboard without sign-in, so the
/// visitor is a local operator) with one webhook channel, <c>hook</c>, pointing at a real receiver run by the test.
/// Baselines are warmed by 90 s of backfill replayed fast, as in <see cref="DevNodeFixture"/>; no rule exists until a
/// test makes one.
/// </summary>
public sealed class AlertingDevNodeFixture : IAsyncLifetime
{
    public const string Channel = "hook";
    public const string Secret = "whsec_browser_test";

    private readonly TempDir _data = new();

    public HollerNode Node { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;

    public Uri Dashboard => Node.Endpoints.DashboardUrl!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync(Secret);
        var config = TestNodes.Config("", _data.Path, businesses: 2_000, o =>
        {
            DevNodeFixture.WithWarmSurgingTraffic(o);
            // The receiver listens on loopback, which delivery refuses unless told otherwise.
            o.Alerts.AllowPrivateTargets = true;
            // A short grouping window: the firing notification need not wait the default 30 s for company.
            o.Alerts.GroupWindowSeconds = 2;
            o.Alerts.Channels[Channel] = new AlertChannelOptions { Kind = "webhook", Url = Receiver.Url, Secret = Secret };
        });
        Node = await TestNodes.StartAsync(config);
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Receiver.DisposeAsync();
        _data.Dispose();
    }
}
