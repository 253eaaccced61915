using Akka.Actor;
using Holler.Alerts;
using Holler.Domain.Surges;
using Holler.Host.Configuration;
using Holler.Host.Node;
using Holler.Leaderboard;
using Holler.Tests.Support;
using Holler.Web.Access;

namespace Holler.Tests.Web;

/// <summary>
/// A node with the dashboard behind sign-in (a viewer and an analyst), an operator token, and one webhook channel,
/// <c>hook</c>, whose receiver (run by the test) answers 410 Gone until a test says otherwise: a notification to it is
/// dead-lettered at its first attempt. No broker: the test reports a surge to the alerts singleton itself.
/// </summary>
public sealed class DeadLettersNodeFixture : IAsyncLifetime
{
    public const string Channel = "hook";
    public const string Secret = "whsec_dead_letters";
    public const string Password = "a long password for tests";
    public const string OperatorToken = "operator-token-dead-letters";

    private readonly TempDir _data = new();

    public HollerNode Node { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;

    public Uri Dashboard => Node.Endpoints.DashboardUrl!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync(Secret);
        Receiver.Status = 410;
        var config = TestNodes.Config("127.0.0.1:9", _data.Path, businesses: 50, o =>
        {
            o.Roles = "tracker,leaderboard,web";
            o.Operator.Token = OperatorToken;
            o.Web.Users["viewer"] = User("viewer", HollerRoles.Viewer);
            o.Web.Users["analyst"] = User("analyst", HollerRoles.Analyst);
            // The receiver listens on loopback, which delivery refuses unless told otherwise.
            o.Alerts.AllowPrivateTargets = true;
            o.Alerts.GroupWindowSeconds = 1;
            o.Alerts.Channels[Channel] = new AlertChannelOptions { Kind = "webhook", Url = Receiver.Url, Secret = Secret };
        });
        Node = await TestNodes.StartAsync(config);
    }

    /// <summary>A rule for one business and a surge of it: its firing notification goes to the receiver.</summary>
    public async Task SurgeAsync(int business)
    {
        var id = Node.Catalog[business].Id;
        var added = await OperatorCli.RunAsync(["alerts", "rules", "add", $"Rule {business}", "--id", $"rule-{business}", "--scope", $"business:{id}",
            "--channel", Channel, "--node", $"127.0.0.1:{Node.Endpoints.OperatorPort}", "--token", OperatorToken]);
        Assert.True(added.ExitCode == 0, added.Stderr);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        Node.Registry.Get<AlertsActor>().Tell(new SurgeChanged(id, true, new LeaderboardEntry(id, 9.5, 600, 100, 6, since, 0)));
    }

    private static WebUserOptions User(string name, string role) => new() { PasswordHash = PasswordSignIn.Hash(name, Password), Role = role };

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Receiver.DisposeAsync();
        _data.Dispose();
    }
}
