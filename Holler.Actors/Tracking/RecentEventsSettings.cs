namespace Holler.Tracking;

/// <summary>How many raw events a shard tracker keeps for the businesses being watched (see
/// docs/dimensions.md#recent-events).</summary>
/// <param name="PerBusiness">Events kept per watched business (<c>Tracker:RecentEvents</c>); 0 keeps none.</param>
/// <param name="MaxBusinesses">Businesses a shard keeps events for at once (<c>Tracker:RecentEventsBusinesses</c>): the
/// bound that keeps a crawler opening every drill-down from filling memory.</param>
/// <param name="ViewLease">How long one look at a business's recent events keeps them being kept; default 5 minutes.</param>
public sealed record RecentEventsSettings(int PerBusiness = 200, int MaxBusinesses = 32, TimeSpan? ViewLease = null)
{
    /// <summary>The most <see cref="PerBusiness"/> may be: a list for reading, not a log.</summary>
    public const int MaxPerBusiness = 10_000;

    public const int MaxMaxBusinesses = 10_000;

    public static RecentEventsSettings Default { get; } = new();

    public bool Enabled => PerBusiness > 0 && MaxBusinesses > 0;

    public TimeSpan Lease => ViewLease ?? TimeSpan.FromMinutes(5);
}
