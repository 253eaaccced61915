namespace Holler.Host.Configuration;

public sealed class TrackerOptionsSection
{
    public int Shards { get; set; } = Holler.Tracking.TrackerShards.DefaultCount;
    public int SnapshotEvery { get; set; } = 100;
    public int PassivateAfterSeconds { get; set; } = 900;

    /// <summary>checkpoint (Kafka is the log, state saved periodically; default) or journal (a write per batch).</summary>
    public string Durability { get; set; } = "checkpoint";

    public Holler.Tracking.TrackerDurability DurabilityMode() =>
        string.Equals(Durability.Trim(), "journal", StringComparison.OrdinalIgnoreCase)
            ? Holler.Tracking.TrackerDurability.Journal
            : Holler.Tracking.TrackerDurability.Checkpoint;

    public void Validate(List<string> errors)
    {
        if (Shards is < 1 or > 100_000) errors.Add($"Tracker:Shards must be between 1 and 100000, was {Shards}");
        if (SnapshotEvery is < 1 or > 1_000_000) errors.Add($"Tracker:SnapshotEvery must be between 1 and 1000000, was {SnapshotEvery}");
        if (Durability.Trim().ToLowerInvariant() is not ("checkpoint" or "journal"))
            errors.Add($"Tracker:Durability must be checkpoint or journal, was {Durability}");
        if (PassivateAfterSeconds < 5) errors.Add($"Tracker:PassivateAfterSeconds must be at least 5, was {PassivateAfterSeconds}");
    }
}
