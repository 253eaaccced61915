using Holler.Domain.History;

namespace Holler.Host.Operator.Api;

/// <summary>One point of a business's trend (<c>GET /api/history/business/{id}</c>).</summary>
public sealed record HistoryPointView(DateTimeOffset At, long Count, double Expected, double MaxSeverity, bool Surging, bool Drop)
{
    public static HistoryPointView From(HistoryPoint p) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(p.AtMs), p.Count, Math.Round(p.Expected, 2), Math.Round(p.MaxSeverity, 2), p.Surging, p.Drop);
}

public sealed record HistoryTrendView(string BusinessId, DateTimeOffset From, DateTimeOffset To, HistoryResolution Resolution,
    IReadOnlyList<HistoryPointView> Points);

/// <summary>One surge of the history.</summary>
public sealed record HistorySurgeView(string BusinessId, string? Name, string Category, string City, DateTimeOffset Started,
    DateTimeOffset? Ended, double PeakScore, long PeakCount, double PeakRatio, bool Drop);

/// <summary>The leaderboard of a past period (<c>GET /api/history/top</c>): top surges by peak severity.</summary>
public sealed record HistoryTopView(HistoryPeriod Period, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<HistorySurgeView> Surges);

/// <summary>A business's surges in a range (<c>GET /api/history/business/{id}/surges</c>): its calendar.</summary>
public sealed record HistoryCalendarView(string BusinessId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<HistorySurgeView> Surges);

public sealed record SurgeTallyView(DateTimeOffset At, string Category, string City, int Surges, int Drops);

/// <summary>Surges per category and city over time (<c>GET /api/history/surges</c>).</summary>
public sealed record HistoryTalliesView(DateTimeOffset From, DateTimeOffset To, string Bucket, IReadOnlyList<SurgeTallyView> Tallies);

/// <summary>The node's writer and the store's size (<c>GET /api/history/status</c>).</summary>
public sealed record HistoryStatusView(string Provider, long Written, long Dropped, long Failures, long Queued, long SurgeReports,
    long MinuteRows, long HourRows, long SurgeRows);
