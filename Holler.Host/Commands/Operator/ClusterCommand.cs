using System.CommandLine;
using System.Globalization;
using Holler.Host.Operator.Api;

namespace Holler.Host.Commands.Operator;

/// <summary><c>holler cluster show|tail|leave|down|down-unreachable</c>: pbm's cluster palette over the operator API.</summary>
public static class ClusterCommand
{
    public static Command Create()
    {
        var cluster = new Command("cluster", "Inspect and steer cluster membership (pbm's cluster palette)")
        {
            OperatorOptions.Create("show", "Members with roles, status, reachability and version; the leader; unreachable members", ShowAsync),
            OperatorOptions.Create("tail", "Membership and reachability events as they happen, until Ctrl-C", TailAsync),
            MemberCommand("leave", "Ask a member to leave the cluster gracefully (hands off its shards first)", "leave"),
            MemberCommand("down", "Mark a member as down: it is removed at once, without hand-off (for crashed nodes)", "down"),
            OperatorOptions.Create("down-unreachable", "Down every member that is unreachable now", DownUnreachableAsync),
        };
        return cluster;
    }

    private static async Task<int> ShowAsync(OperatorCall call, ParseResult _, CancellationToken token)
    {
        var view = await call.Client.GetAsync<ClusterView>("/api/cluster", token);
        if (call.Json)
        {
            call.WriteJson(view);
            return ExitCodes.Ok;
        }
        // pbm's shape, one member per line, so scripts written against pbm's output keep working.
        foreach (var m in view.Members)
            call.WriteLine($"{m.Address} | [{string.Join(", ", m.Roles)}] | {m.Status} | {m.Reachability} | {m.Version}");
        call.WriteLine($"Count: {view.Members.Count} nodes");
        call.WriteLine($"Leader: {view.Leader ?? "none"}");
        call.WriteLine($"Unreachable: {(view.Unreachable.Count == 0 ? "none" : string.Join(", ", view.Unreachable))}");
        return ExitCodes.Ok;
    }

    private static async Task<int> TailAsync(OperatorCall call, ParseResult _, CancellationToken token)
    {
        if (!call.Json) call.WriteLine($"Membership events of the cluster of {call.Client.Node} (current state first); Ctrl-C stops.");
        await foreach (var e in call.Client.StreamAsync<ClusterEventView>("/api/cluster/events", token))
        {
            if (call.Json) call.WriteJsonLine(e);
            else
            {
                var roles = e.Roles.Count == 0 ? "" : $" [{string.Join(", ", e.Roles)}]";
                var status = e.Status.Length == 0 ? "" : $" | {e.Status}";
                call.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.At:HH:mm:ss.fff} {e.Event,-18} {(e.Address.Length == 0 ? "(none)" : e.Address)}{roles}{status}"));
            }
        }
        // The node ended the stream: it is stopping or left the cluster.
        throw new OperatorException(ExitCodes.Failed, $"{call.Client.Node} ended the event stream (the node is stopping)");
    }

    private static Command MemberCommand(string name, string description, string action)
    {
        var address = new Argument<string>("address") { Description = "The member: akka.tcp://holler@host:port (as cluster show prints it) or host:port" };
        return OperatorOptions.Create(name, description, async (call, parse, token) =>
        {
            var done = await call.Client.PostAsync<MemberActionView>($"/api/cluster/{action}", new MemberRequest(parse.GetValue(address)!), token);
            if (call.Json) call.WriteJson(done);
            else if (action == "leave")
                call.WriteLine($"Leave requested for {done.Address} (was {done.Status}): it hands off its shards, then leaves.");
            else
                call.WriteLine($"Downed {done.Address} (was {done.Status}): it is removed from the cluster without hand-off.");
            return ExitCodes.Ok;
        }, address);
    }

    private static async Task<int> DownUnreachableAsync(OperatorCall call, ParseResult _, CancellationToken token)
    {
        var done = await call.Client.PostAsync<DownUnreachableView>("/api/cluster/down-unreachable", null, token);
        if (call.Json) call.WriteJson(done);
        else if (done.Downed.Count == 0 && done.AlreadyDown.Count == 0) call.WriteLine("No unreachable members: nothing downed.");
        else
        {
            if (done.Downed.Count > 0) call.WriteLine($"Downed {done.Downed.Count} unreachable member{(done.Downed.Count == 1 ? "" : "s")}:");
            foreach (var address in done.Downed) call.WriteLine($"  {address}");
            if (done.AlreadyDown.Count > 0) call.WriteLine("Already down, being removed:");
            foreach (var address in done.AlreadyDown) call.WriteLine($"  {address}");
        }
        return ExitCodes.Ok;
    }
}
