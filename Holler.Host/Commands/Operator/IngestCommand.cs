using System.CommandLine;
using System.Globalization;
using Holler.Host.Operator.Api;
using Spectre.Console;

namespace Holler.Host.Commands.Operator;

/// <summary><c>holler ingest</c>: a node's Kafka ingest: per-partition offsets and lag, rates, rejects by reason.</summary>
public static class IngestCommand
{
    public static Command Create() =>
        OperatorOptions.Create("ingest", "The node's Kafka ingest: per-partition offsets and lag, events/s, rejects by reason", async (call, _, token) =>
        {
            var v = await call.Client.GetAsync<IngestView>("/api/ingest", token);
            if (call.Json)
            {
                call.WriteJson(v);
                return ExitCodes.Ok;
            }
            var c = CultureInfo.InvariantCulture;
            call.WriteLine(string.Create(c, $"Ingest on {v.Node}, topic {v.Topic}"));
            call.WriteLine(string.Create(c,
                $"  {v.ConsumedPerSecond:N0} consumed/s, {v.AppliedPerSecond:N0} applied/s (last {v.RateWindowSeconds:0} s)"));
            call.WriteLine(Totals(v));

            var partitions = OperatorCall.Table(" Partition", " Committed", " Log end", " Lag");
            foreach (var p in v.Partitions)
                OperatorCall.AddRow(partitions, p.Partition.ToString(c), Number(p.Committed), Number(p.LogEnd), Number(p.Lag));
            if (v.Partitions.Count == 0) partitions.Caption = new TableTitle("no partitions assigned (yet)");
            call.Write(partitions);

            var rejects = OperatorCall.Table("Reject reason", " Records");
            foreach (var (reason, count) in v.Rejected) OperatorCall.AddRow(rejects, reason, count.ToString("N0", c));
            call.Write(rejects);
            return ExitCodes.Ok;
        });

    /// <summary>The totals line; a lag not known yet (right after a start) says so rather than passing for 0.</summary>
    public static string Totals(IngestView v) => string.Create(CultureInfo.InvariantCulture,
        $"  total {v.Consumed:N0} consumed, {v.Accepted:N0} accepted, {v.Applied:N0} applied, {v.Duplicates:N0} duplicate, {v.RejectedTotal:N0} rejected; lag {Number(v.Lag)}");

    private static string Number(long? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown";
}
