using System.Globalization;
using Spectre.Console;

namespace Holler.Host.Commands.Bench;

/// <summary>How <c>holler bench</c> shows the recovery scenario and judges its target.</summary>
public static class RecoveryReport
{
    public static void Render(IAnsiConsole console, RecoveryResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var t = new Table().Title(string.Create(c, $"recovery: a node SIGKILLed at {r.OfferedRate:N0} events/s offered, restarted at once"))
            .AddColumns("businesses", "partitions (hottest's share)", "persistence", "checkpoint bytes", "killed in a checkpoint write", "steady lag", "uncommitted at kill",
                "largest partition's (bound)", "skipped as checkpointed", "up", "first event", "caught up", "totals");
        t.AddRow(r.Businesses.ToString("N0", c), string.Create(c, $"{r.Partitions} ({r.HottestShare:P0})"), r.Persistence, r.CheckpointBytes.ToString("N0", c), r.KilledInCheckpointWrite ? "yes" : "not seen",
            r.SteadyLag.ToString("N0", c) + " events", r.Uncommitted.ToString("N0", c) + " events",
            string.Create(c, $"{r.UncommittedBytesMax / 1024.0:N0} KiB ({r.ReplayBoundBytes / 1024.0:N0} KiB)"), r.Duplicates.ToString("N0", c),
            Seconds(r.Up), Seconds(r.FirstProcessed), Seconds(r.CaughtUp),
            r.Exact
                ? string.Create(c, $"exact ({r.BusinessesChecked:N0} businesses, {r.Counted:N0} events)")
                : string.Create(c, $"{r.BusinessesWrong:N0} of {r.BusinessesChecked:N0} businesses wrong; counted {r.Counted:N0} of {r.Produced:N0}; {r.Lost:N0} lost to the broker's retention; {r.Unread:N0} never read; {r.ProduceFailed:N0} not produced"));
        console.Write(t);
    }

    public static TargetCheck Target(RecoveryResult r)
    {
        var c = CultureInfo.InvariantCulture;
        return new(string.Create(c, $"killed at {r.OfferedRate:N0}/s: caught up within {RecoveryResult.Target.TotalSeconds:N0} s of the restart, exact totals"),
            string.Create(c, $"up {Seconds(r.Up)}, caught up {Seconds(r.CaughtUp)}; {r.Uncommitted:N0} events read again; ")
            + (r.Exact ? "totals exact" : string.Create(c, $"{r.BusinessesWrong:N0} businesses wrong, {r.Lost:N0} records lost to the broker's retention, {r.Unread:N0} never read")),
            r.Met);
    }

    private static string Seconds(TimeSpan? span) =>
        span is { } s ? s.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture) + " s" : "never";
}
