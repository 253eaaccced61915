using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using Holler.Host.Operator.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Holler.Host.Operator;

/// <summary><c>/api/cluster…</c>: pbm's cluster palette: show, tail, leave, down, down-unreachable.</summary>
internal static class ClusterApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cluster", (ActorSystem system) => Results.Json(View(Cluster.Get(system)), OperatorJson.Options));
        api.MapGet("/cluster/events", StreamEventsAsync);
        api.MapPost("/cluster/leave", (HttpContext context, ActorSystem system) =>
            ActOnMemberAsync(context, system, "leave", (cluster, address) => cluster.Leave(address)));
        api.MapPost("/cluster/down", (HttpContext context, ActorSystem system) =>
            ActOnMemberAsync(context, system, "down", (cluster, address) => cluster.Down(address)));
        api.MapPost("/cluster/down-unreachable", (ActorSystem system) =>
        {
            var cluster = Cluster.Get(system);
            var downed = new List<string>();
            var alreadyDown = new List<string>();
            foreach (var member in cluster.State.Unreachable.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal))
            {
                if (member.Status == MemberStatus.Down)
                {
                    alreadyDown.Add(member.Address.ToString());
                    continue;
                }
                cluster.Down(member.Address);
                downed.Add(member.Address.ToString());
            }
            return Results.Json(new DownUnreachableView(downed, alreadyDown), OperatorJson.Options);
        });
    }

    public static ClusterView View(Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members
            .Select(m => new MemberView(m.Address.ToString(), m.Roles.OrderBy(r => r, StringComparer.Ordinal).ToList(),
                Names.Status(m.Status), unreachable.Contains(m.Address) ? "unreachable" : "reachable", m.AppVersion.ToString(),
                m.Address.Equals(state.Leader), m.Address.Equals(cluster.SelfAddress)))
            .ToList();
        return new ClusterView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members,
            unreachable.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Finds a member by its full address or by host:port; null when the cluster has no such member.</summary>
    public static Member? Find(ClusterEvent.CurrentClusterState state, string text)
    {
        text = text.Trim();
        if (text.Contains("://") && Address.TryParse(text, out var address))
            return state.Members.FirstOrDefault(m => m.Address.Equals(address));
        return state.Members.FirstOrDefault(m => string.Equals($"{m.Address.Host}:{m.Address.Port}", text, StringComparison.OrdinalIgnoreCase)
                                                 || string.Equals($"{m.Address.System}@{m.Address.Host}:{m.Address.Port}", text, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<IResult> ActOnMemberAsync(HttpContext context, ActorSystem system, string action, Action<Cluster, Address> act)
    {
        // JSON only: a browser cannot send it cross-site without a CORS pre-flight, which this endpoint never grants.
        if (!context.Request.HasJsonContentType())
            return Error(StatusCodes.Status415UnsupportedMediaType, "send the member as JSON: {\"address\":\"akka.tcp://holler@host:port\"}");
        MemberRequest? request;
        try { request = await context.Request.ReadFromJsonAsync<MemberRequest>(OperatorJson.Options, context.RequestAborted); }
        catch (JsonException e) { return Error(StatusCodes.Status400BadRequest, $"not a member request: {e.Message}"); }
        if (string.IsNullOrWhiteSpace(request?.Address)) return Error(StatusCodes.Status400BadRequest, "address is required");

        var cluster = Cluster.Get(system);
        var member = Find(cluster.State, request.Address);
        if (member is null)
        {
            var known = string.Join(", ", cluster.State.Members.Select(m => m.Address.ToString()));
            return Error(StatusCodes.Status404NotFound, $"no member {request.Address.Trim()} in the cluster (members: {known})");
        }
        act(cluster, member.Address);
        return Results.Json(new MemberActionView(action, member.Address.ToString(), Names.Status(member.Status)), OperatorJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task StreamEventsAsync(HttpContext context, ActorSystem system)
    {
        var channel = Channel.CreateBounded<ClusterEventView>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        var forwarder = system.ActorOf(ClusterEventForwarder.PropsFor(channel.Writer));
        // The stream ends with the connection or when the node stops (which Kestrel would otherwise wait out).
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            context.Response.ContentType = OperatorJson.NdjsonContentType;
            await context.Response.StartAsync(ends.Token);
            await NdJson.WriteAllAsync(context.Response, channel.Reader.ReadAllAsync(ends.Token), ends.Token);
        }
        catch (OperationCanceledException) { }
        finally
        {
            system.Stop(forwarder);
        }
    }

    public static IResult Error(int status, string message) => Results.Json(new ApiError(message), OperatorJson.Options, statusCode: status);
}
