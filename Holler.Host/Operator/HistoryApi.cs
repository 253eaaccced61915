using Holler.Domain.Catalog;
using Holler.Domain.History;
using Holler.History;
using Holler.Host.Commands;
using Holler.Host.Configuration;
using Holler.Host.Operator.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Holler.Host.Operator;

/// <summary><c>/api/history/…</c>: the history store (docs/history.md), read straight from the database.</summary>
internal static class HistoryApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/history/business/{id}", async (string id, string? from, string? to, string? resolution, HttpContext context,
            TimeProvider clock, CancellationToken token) =>
        {
            if (Store(context) is not var (store, settings)) return NoHistory();
            var now = clock.GetUtcNow();
            if (Range(from, to, now, TimeSpan.FromHours(1), out var f, out var t) is { } bad) return bad;
            HistoryResolution chosen;
            if (string.IsNullOrEmpty(resolution)) chosen = HistoryRange.For(f, t, now, settings.MinuteRetention);
            else if (!Enum.TryParse(resolution, true, out chosen) || !Enum.IsDefined(chosen) || int.TryParse(resolution, out _))
                return ClusterApi.Error(StatusCodes.Status400BadRequest, $"resolution: '{resolution}' is neither minute nor hour");
            var points = await store.TrendAsync(id, f, t, chosen, now, settings.MinuteRetention, token);
            return Results.Json(new HistoryTrendView(id, f, t, chosen, points.Select(HistoryPointView.From).ToList()), OperatorJson.Options);
        });

        api.MapGet("/history/business/{id}/surges", async (string id, string? from, string? to, HttpContext context,
            TimeProvider clock, BusinessCatalog catalog, CancellationToken token) =>
        {
            if (Store(context) is not var (store, _)) return NoHistory();
            if (Range(from, to, clock.GetUtcNow(), TimeSpan.FromDays(365), out var f, out var t) is { } bad) return bad;
            var surges = await store.SurgesOfAsync(id, f, t, token);
            return Results.Json(new HistoryCalendarView(id, f, t, surges.Select(s => View(s, catalog)).ToList()), OperatorJson.Options);
        });

        api.MapGet("/history/top", async (string? period, string? end, int? limit, bool? drops, HttpContext context,
            TimeProvider clock, BusinessCatalog catalog, CancellationToken token) =>
        {
            if (Store(context) is not var (store, _)) return NoHistory();
            var length = HistoryPeriod.Hour;
            if (period is not null && !HistoryRange.TryParsePeriod(period, out length))
                return ClusterApi.Error(StatusCodes.Status400BadRequest, $"period: '{period}' is not hour, day, week or month");
            var until = clock.GetUtcNow();
            if (end is not null && !TryTime(end, until, out until))
                return ClusterApi.Error(StatusCodes.Status400BadRequest, $"end: '{end}' is neither a time (ISO 8601) nor a duration ago (e.g. 2h)");
            if (limit is < 1 or > 1000) return ClusterApi.Error(StatusCodes.Status400BadRequest, "limit must be between 1 and 1000");
            var (f, t) = HistoryRange.Period(length, until);
            var surges = await store.TopSurgesAsync(f, t, limit ?? 10, drops ?? false, token);
            return Results.Json(new HistoryTopView(length, f, t, surges.Select(s => View(s, catalog)).ToList()), OperatorJson.Options);
        });

        api.MapGet("/history/surges", async (string? from, string? to, string? bucket, string? category, string? city,
            HttpContext context, TimeProvider clock, CancellationToken token) =>
        {
            if (Store(context) is not var (store, _)) return NoHistory();
            if (Range(from, to, clock.GetUtcNow(), TimeSpan.FromDays(7), out var f, out var t) is { } bad) return bad;
            var size = (bucket ?? "day").ToLowerInvariant() switch { "hour" => TimeSpan.FromHours(1), "day" => TimeSpan.FromDays(1), _ => TimeSpan.Zero };
            if (size == TimeSpan.Zero) return ClusterApi.Error(StatusCodes.Status400BadRequest, $"bucket: '{bucket}' is neither hour nor day");
            var tallies = await store.SurgeTalliesAsync(f, t, size, category, city, token);
            return Results.Json(new HistoryTalliesView(f, t, (bucket ?? "day").ToLowerInvariant(), tallies.Select(x =>
                new SurgeTallyView(DateTimeOffset.FromUnixTimeMilliseconds(x.AtMs), x.Category, x.City, x.Surges, x.Drops)).ToList()),
                OperatorJson.Options);
        });

        api.MapGet("/history/status", async (HttpContext context, HistoryMetrics metrics, CancellationToken token) =>
        {
            if (Store(context) is not var (store, _)) return NoHistory();
            var (minutes, hours, surges) = await store.CountRowsAsync(token);
            return Results.Json(new HistoryStatusView(store.Provider.ToString().ToLowerInvariant(), metrics.Written, metrics.Dropped,
                metrics.Failures, metrics.Queued, metrics.Surges, minutes, hours, surges), OperatorJson.Options);
        });
    }

    private static (HistoryStore, HistorySettings)? Store(HttpContext context)
    {
        var store = context.RequestServices.GetService<HistoryStore>();
        var config = context.RequestServices.GetRequiredService<NodeConfig>().History;
        return store is null || config is null ? null : (store, config.Settings);
    }

    private static IResult NoHistory() => ClusterApi.Error(StatusCodes.Status404NotFound, "this node keeps no history (History:Enabled is false)");

    private static HistorySurgeView View(HistorySurge s, BusinessCatalog catalog) =>
        new(s.BusinessId, catalog.TryGet(s.BusinessId, out var info) ? info.Name : null, s.Category, s.City,
            DateTimeOffset.FromUnixTimeMilliseconds(s.StartedMs), s.EndedMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(s.EndedMs),
            Math.Round(s.PeakScore, 2), s.PeakCount, Math.Round(s.PeakRatio, 2), s.Drop);

    private static IResult? Range(string? from, string? to, DateTimeOffset now, TimeSpan defaultLength, out DateTimeOffset f, out DateTimeOffset t)
    {
        f = now - defaultLength;
        t = now;
        if (to is not null && !TryTime(to, now, out t))
            return ClusterApi.Error(StatusCodes.Status400BadRequest, $"to: '{to}' is neither a time (ISO 8601) nor a duration ago (e.g. 2h)");
        if (from is null) f = t - defaultLength;
        else if (!TryTime(from, now, out f))
            return ClusterApi.Error(StatusCodes.Status400BadRequest, $"from: '{from}' is neither a time (ISO 8601) nor a duration ago (e.g. 2h)");
        return f < t ? null : ClusterApi.Error(StatusCodes.Status400BadRequest, "from must be before to");
    }

    /// <summary>An ISO-8601 time, <c>now</c>, or a duration meaning that long ago (<c>90m</c>, <c>7d</c>).</summary>
    internal static bool TryTime(string text, DateTimeOffset now, out DateTimeOffset at)
    {
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            at = now;
            return true;
        }
        if (Durations.TryParse(text, out var ago) && !text.Contains(':'))
        {
            at = now - ago;
            return true;
        }
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out at);
    }
}
