namespace Holler.Host.Configuration;

public sealed class TrackerOptionsSection
{
    public int Shards { get; set; } = Holler.Tracking.TrackerShards.DefaultCount;
    public int SnapshotEvery { get; set; } = 100;
    public int PassivateAfterSeconds { get; set; } = 900;

    /// <summary>checkpoint (Kafka is the log, state saved periodically; default) or journal (a write per batch).</summary>
    public string Durability { get; set; } = "checkpoint";

    /// <summary>Raw events kept per watched business for the drill-down (see docs/dimensions.md#recent-events); 0 keeps none.</summary>
    public int RecentEvents { get; set; } = Holler.Tracking.RecentEventsSettings.Default.PerBusiness;

    /// <summary>Businesses each shard keeps recent events for at once.</summary>
    public int RecentEventsBusinesses { get; set; } = Holler.Tracking.RecentEventsSettings.Default.MaxBusinesses;

    public Holler.Tracking.RecentEventsSettings RecentEventsSettings() => new(RecentEvents, RecentEventsBusinesses);

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
        if (RecentEvents is < 0 or > Holler.Tracking.RecentEventsSettings.MaxPerBusiness)
            errors.Add($"Tracker:RecentEvents must be between 0 (off) and {Holler.Tracking.RecentEventsSettings.MaxPerBusiness}, was {RecentEvents}");
        if (RecentEventsBusinesses is < 1 or > Holler.Tracking.RecentEventsSettings.MaxMaxBusinesses)
            errors.Add($"Tracker:RecentEventsBusinesses must be between 1 and {Holler.Tracking.RecentEventsSettings.MaxMaxBusinesses}, was {RecentEventsBusinesses}");
        if (PassivateAfterSeconds < 5) errors.Add($"Tracker:PassivateAfterSeconds must be at least 5, was {PassivateAfterSeconds}");
    }
}
