using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Holler.Domain.Catalog;
using Holler.Leaderboard;

namespace Holler.Host.Node;

/// <summary>
/// Prints the leaderboard to the console when its membership or order changes (score updates alone would scroll
/// the terminal every second). The dev node's view until the dashboard is open.
/// </summary>
public sealed class LeaderboardConsole : ReceiveActor
{
    private readonly BusinessCatalog _catalog;
    private readonly TextWriter _out;
    private string[] _printed = [];

    public LeaderboardConsole(BusinessCatalog catalog, TextWriter output)
    {
        _catalog = catalog;
        _out = output;
        Receive<SubscribeAck>(_ => { });
        Receive<LeaderboardUpdated>(Print);
    }

    public static Props PropsFor(BusinessCatalog catalog, TextWriter output) =>
        Props.Create(() => new LeaderboardConsole(catalog, output));

    protected override void PreStart() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(LeaderboardUpdated.Topic, Self));

    private void Print(LeaderboardUpdated update)
    {
        var ids = update.Top.Select(e => e.BusinessId).ToArray();
        if (ids.SequenceEqual(_printed)) return;
        _printed = ids;
        _out.Write(Format(update, _catalog));
        _out.Flush();
    }

    public static string Format(LeaderboardUpdated update, BusinessCatalog catalog)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(update.PublishedAtMs).ToString("HH:mm:ss", c);
        text.AppendLine(c, $"── Leaderboard {at} UTC · {update.Surging:N0} surging ──");
        if (update.Top.Count == 0)
        {
            text.AppendLine("   (no surges)");
            return text.ToString();
        }
        text.AppendLine(c, $"{"#",3}  {"business",-34} {"city",-14} {"score",7} {"ratio",7} {"60s",7} {"base",7}  since");
        for (var i = 0; i < update.Top.Count; i++)
        {
            var e = update.Top[i];
            var name = catalog.TryGet(e.BusinessId, out var info) ? info.Name : e.BusinessId;
            var city = info?.City ?? "";
            var since = DateTimeOffset.FromUnixTimeMilliseconds(e.SinceMs).ToString("HH:mm:ss", c);
            text.AppendLine(c,
                $"{i + 1,3}  {Clip(name, 34),-34} {Clip(city, 14),-14} {e.Score,7:F1} {e.Ratio,6:F1}× {e.Count,7:N0} {e.Baseline,7:N1}  {since}");
        }
        return text.ToString();
    }

    private static string Clip(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";
}
