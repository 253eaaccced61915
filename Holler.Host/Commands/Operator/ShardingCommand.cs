using System.CommandLine;
using Holler.Host.Operator.Api;
using Holler.Tracking;
using Spectre.Console;

namespace Holler.Host.Commands.Operator;

/// <summary><c>holler sharding regions|region-stats|shard-stats</c> (also as pbm's <c>cluster-sharding</c>).</summary>
public static class ShardingCommand
{
    public static Command Create()
    {
        var sharding = new Command("sharding", "Shard regions, shards and entities (pbm's cluster-sharding palette)")
        {
            OperatorOptions.Create("regions", "The shard types this node knows: region (hosts entities) or proxy", RegionsAsync),
            TypeCommand("region-stats", "Shards and entities of a type per cluster member", RegionStatsAsync),
            TypeCommand("shard-stats", "The shards of a type hosted on the asked node, with their entities", ShardStatsAsync),
        };
        sharding.Aliases.Add("cluster-sharding");
        return sharding;
    }

    private static Command TypeCommand(string name, string description, Func<OperatorCall, string, CancellationToken, Task<int>> action)
    {
        var type = new Argument<string?>("type")
        {
            Description = $"Shard type name (default: {ShardTrackerSetup.TypeName}, Holler's only one)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var typeName = new Option<string?>("--type-name", "-r") { Description = "The type name, as pbm's -r" };
        return OperatorOptions.Create(name, description, (call, parse, token) =>
        {
            var (argument, option) = (parse.GetValue(type), parse.GetValue(typeName));
            if (argument is not null && option is not null && !string.Equals(argument, option, StringComparison.OrdinalIgnoreCase))
                throw new OperatorException(ExitCodes.BadConfiguration, $"two type names given ('{argument}' and -r '{option}'); give one");
            return action(call, argument ?? option ?? ShardTrackerSetup.TypeName, token);
        }, type, typeName);
    }

    private static async Task<int> RegionsAsync(OperatorCall call, ParseResult _, CancellationToken token)
    {
        var view = await call.Client.GetAsync<RegionsView>("/api/sharding/regions", token);
        if (call.Json)
        {
            call.WriteJson(view);
            return ExitCodes.Ok;
        }
        var table = OperatorCall.Table("Type", "Kind", " Shards here", " Entities here");
        foreach (var r in view.Regions)
            OperatorCall.AddRow(table, r.TypeName, r.Kind, r.Shards?.ToString("N0") ?? "-", r.Entities?.ToString("N0") ?? "-");
        call.WriteLine($"Shard regions on {view.Node}");
        call.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> RegionStatsAsync(OperatorCall call, string type, CancellationToken token)
    {
        var view = await call.Client.GetAsync<RegionStatsView>($"/api/sharding/{Uri.EscapeDataString(type)}/region-stats", token);
        if (call.Json)
        {
            call.WriteJson(view);
            return ExitCodes.Ok;
        }
        var table = OperatorCall.Table("Member", " Shards", " Entities");
        foreach (var m in view.Members) OperatorCall.AddRow(table, m.Address, m.Shards.ToString("N0"), m.Entities.ToString("N0"));
        table.AddEmptyRow();
        OperatorCall.AddRow(table, $"{view.Members.Count} members", view.Shards.ToString("N0"), view.Entities.ToString("N0"));
        call.WriteLine($"Shard type '{view.TypeName}' per member");
        call.Write(table);
        if (view.Failed.Count > 0) call.WriteLine($"Shards that did not answer: {string.Join(", ", view.Failed)}");
        if (view.Unanswered.Count > 0) call.WriteLine($"Members that did not answer (their shards are not counted): {string.Join(", ", view.Unanswered)}");
        return ExitCodes.Ok;
    }

    private static async Task<int> ShardStatsAsync(OperatorCall call, string type, CancellationToken token)
    {
        var view = await call.Client.GetAsync<ShardStatsView>($"/api/sharding/{Uri.EscapeDataString(type)}/shard-stats", token);
        if (call.Json)
        {
            call.WriteJson(view);
            return ExitCodes.Ok;
        }
        var table = OperatorCall.Table("Shard", " Entities");
        foreach (var s in view.Shards) OperatorCall.AddRow(table, s.ShardId, s.Entities.ToString("N0"));
        call.WriteLine($"Shards of '{view.TypeName}' on {view.Node}: {view.Shards.Count:N0} shards, {view.Entities:N0} entities");
        if (view.Shards.Count > 0) call.Write(table);
        return ExitCodes.Ok;
    }
}
