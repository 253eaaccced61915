using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Holler.Alerts;
using Holler.Alerts.Delivery;
using Holler.Domain.Alerts;
using Holler.Host.Commands;
using Holler.Host.Operator.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Holler.Host.Operator;

/// <summary><c>/api/alerts/…</c>: alert rules and the alert history, kept by the alerts singleton (docs/alerts.md).</summary>
internal static class AlertsApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/alerts/rules", async (IActorRegistry registry, CancellationToken token) =>
            await AskAsync<AlertRulesReply>(registry, GetAlertRules.Instance, token, reply => Results.Json(new AlertRulesView(
                reply.Rules.Select(AlertRuleView.From).ToList(),
                reply.Snoozes.Select(s => new SnoozeView(s.RuleId, s.BusinessId, DateTimeOffset.FromUnixTimeMilliseconds(s.UntilMs))).ToList()),
                OperatorJson.Options)));

        api.MapGet("/alerts/rules/{id}", async (string id, IActorRegistry registry, CancellationToken token) =>
            await AskAsync<AlertRulesReply>(registry, GetAlertRules.Instance, token, reply =>
                reply.Rules.FirstOrDefault(r => r.Id == id) is { } rule
                    ? Results.Json(AlertRuleView.From(rule), OperatorJson.Options)
                    : ClusterApi.Error(StatusCodes.Status404NotFound, $"no rule '{id}'")));

        api.MapPost("/alerts/rules", async (HttpContext context, IActorRegistry registry, TimeProvider clock) =>
        {
            var (request, problem) = await ReadAsync<AlertRuleRequest>(context, "a rule: {\"name\":…,\"channels\":[…]}");
            if (problem is not null) return problem;
            if (ToRule(request!, out var error) is not { } rule) return ClusterApi.Error(StatusCodes.Status400BadRequest, error);
            return await CommandAsync(registry, new AddAlertRule(rule), context.RequestAborted, RuleResult);
        });

        api.MapDelete("/alerts/rules/{id}", async (string id, IActorRegistry registry, CancellationToken token) =>
            await CommandAsync(registry, new RemoveAlertRule(id), token, RuleResult));

        api.MapPost("/alerts/rules/{id}/mute", async (string id, HttpContext context, IActorRegistry registry, TimeProvider clock) =>
        {
            var (request, problem) = await ReadAsync<UntilRequest>(context, "{\"for\":\"2h\"} or {\"until\":\"2026-01-01T08:00:00Z\"}");
            if (problem is not null) return problem;
            if (Until(request!.For, request.Until, clock, out var error) is not { } until) return ClusterApi.Error(StatusCodes.Status400BadRequest, error);
            return await CommandAsync(registry, new MuteAlertRule(id, until), context.RequestAborted, RuleResult);
        });

        api.MapPost("/alerts/rules/{id}/unmute", async (string id, HttpContext context, IActorRegistry registry) =>
        {
            if (!context.Request.HasJsonContentType()) return NotJson("{}");
            return await CommandAsync(registry, new MuteAlertRule(id, null), context.RequestAborted, RuleResult);
        });

        api.MapPost("/alerts/snooze", async (HttpContext context, IActorRegistry registry, TimeProvider clock) =>
        {
            var (request, problem) = await ReadAsync<SnoozeRequest>(context, "{\"business\":…,\"for\":\"2h\"}");
            if (problem is not null) return problem;
            if (string.IsNullOrWhiteSpace(request!.Business)) return ClusterApi.Error(StatusCodes.Status400BadRequest, "business is required");
            if (Until(request.For, request.Until, clock, out var error) is not { } until) return ClusterApi.Error(StatusCodes.Status400BadRequest, error);
            var business = request.Business.Trim();
            var rule = string.IsNullOrWhiteSpace(request.Rule) ? null : request.Rule.Trim();
            return await CommandAsync(registry, new SnoozeBusiness(rule, business, until), context.RequestAborted,
                _ => Results.Json(new SnoozeView(rule, business, DateTimeOffset.FromUnixTimeMilliseconds(until)), OperatorJson.Options));
        });

        api.MapGet("/alerts", async (HttpContext context, IActorRegistry registry, TimeProvider clock) =>
        {
            if (ToFilter(context.Request.Query, clock, out var error) is not { } filter) return ClusterApi.Error(StatusCodes.Status400BadRequest, error);
            var alerts = registry.Get<AlertsActor>();
            try
            {
                var list = await alerts.Ask<AlertListReply>(new GetAlerts(filter), AskTimeout, context.RequestAborted);
                var rules = await alerts.Ask<AlertRulesReply>(GetAlertRules.Instance, AskTimeout, context.RequestAborted);
                var names = rules.Rules.ToDictionary(r => r.Id, r => r.Name);
                return Results.Json(new AlertListView(list.Alerts.Select(a => AlertView.From(a, names.GetValueOrDefault(a.RuleId))).ToList()),
                    OperatorJson.Options);
            }
            catch (AskTimeoutException) { return Unavailable(); }
        });

        api.MapGet("/alerts/dead-letters", async (HttpContext context, IActorRegistry registry) =>
        {
            var limit = 100;
            if (context.Request.Query.TryGetValue("limit", out var text)
                && (!int.TryParse(text.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 10_000))
                return ClusterApi.Error(StatusCodes.Status400BadRequest, $"limit: '{text}' is not a number from 1 to 10000");
            return await AskAsync<DeadLettersReply>(registry, new GetDeadLetters(limit), context.RequestAborted, reply => Results.Json(
                new DeadLettersView(reply.DeadLetters.Select(DeadLetterView.From).ToList(), reply.DeadLettered, reply.PendingDeliveries),
                OperatorJson.Options));
        });

        api.MapGet("/alerts/dead-letters/{id}", async (string id, IActorRegistry registry, CancellationToken token) =>
            await AskAsync<DeadLettersReply>(registry, new GetDeadLetters(int.MaxValue), token, reply =>
                reply.DeadLetters.FirstOrDefault(d => string.Equals(d.Id, id.Trim(), StringComparison.OrdinalIgnoreCase)) is { } letter
                    ? Results.Json(DeadLetterView.From(letter), OperatorJson.Options)
                    : ClusterApi.Error(StatusCodes.Status404NotFound, $"no dead letter '{id}'")));

        api.MapPost("/alerts/dead-letters/{id}/redrive", async (string id, HttpContext context, IActorRegistry registry) =>
        {
            if (!context.Request.HasJsonContentType()) return NotJson("{}");
            return await RedriveAsync(registry, new RedriveDeadLetters(id, null, null, 1), context.RequestAborted);
        });

        api.MapPost("/alerts/dead-letters/redrive", async (HttpContext context, IActorRegistry registry) =>
        {
            var (request, problem) = await ReadAsync<RedriveRequest>(context, "{\"channel\":…} or {\"rule\":…} or {\"all\":true}, with \"limit\" up to 1000");
            if (problem is not null) return problem;
            var channel = string.IsNullOrWhiteSpace(request!.Channel) ? null : request.Channel.Trim();
            var rule = string.IsNullOrWhiteSpace(request.Rule) ? null : request.Rule.Trim();
            if (channel is null && rule is null && !request.All)
                return ClusterApi.Error(StatusCodes.Status400BadRequest, "give channel, rule or both, or all: true to re-drive every dead letter");
            var limit = request.Limit ?? RedriveDeadLetters.MaxPerCall;
            if (limit is < 1 or > RedriveDeadLetters.MaxPerCall)
                return ClusterApi.Error(StatusCodes.Status400BadRequest, $"limit: {limit} is not from 1 to {RedriveDeadLetters.MaxPerCall}");
            return await RedriveAsync(registry, new RedriveDeadLetters(null, channel, rule, limit), context.RequestAborted);
        });

        api.MapGet("/alerts/{id}", async (string id, IActorRegistry registry, CancellationToken token) =>
            await CommandAsync(registry, new GetAlert(id), token, AlertResult));

        api.MapPost("/alerts/{id}/ack", async (string id, HttpContext context, IActorRegistry registry) =>
        {
            var (request, problem) = await ReadAsync<AcknowledgeRequest>(context, "{\"by\":\"name\"}");
            if (problem is not null) return problem;
            return await CommandAsync(registry, new AcknowledgeAlert(id, By(request!.By)), context.RequestAborted, AlertResult);
        });

        api.MapPost("/alerts/{id}/snooze", async (string id, HttpContext context, IActorRegistry registry, TimeProvider clock) =>
        {
            var (request, problem) = await ReadAsync<UntilRequest>(context, "{\"for\":\"2h\"}");
            if (problem is not null) return problem;
            if (Until(request!.For, request.Until, clock, out var error) is not { } until) return ClusterApi.Error(StatusCodes.Status400BadRequest, error);
            return await CommandAsync(registry, new SnoozeAlert(id, until), context.RequestAborted, AlertResult);
        });

        api.MapPost("/alerts/{id}/not-real", async (string id, HttpContext context, IActorRegistry registry) =>
        {
            var (request, problem) = await ReadAsync<NotRealRequest>(context, "{\"note\":\"…\",\"by\":\"name\"}");
            if (problem is not null) return problem;
            var note = request!.Note?.Trim() ?? "";
            if (note.Length > 2000) return ClusterApi.Error(StatusCodes.Status400BadRequest, "note: at most 2000 characters");
            return await CommandAsync(registry, new MarkAlertNotReal(id, By(request.By), note), context.RequestAborted, AlertResult);
        });
    }

    private static async Task<IResult> RedriveAsync(IActorRegistry registry, RedriveDeadLetters redrive, CancellationToken token) =>
        await AskAsync<RedriveReply>(registry, redrive, token, reply => reply.Status switch
        {
            RedriveStatus.Ok => Results.Json(new RedriveView(
                reply.Redriven.Select(d => new RedrivenView(d.Id, d.IdempotencyKey, d.Channel)).ToList(), reply.Left), OperatorJson.Options),
            RedriveStatus.NotFound => ClusterApi.Error(StatusCodes.Status404NotFound, reply.Error ?? "not found"),
            // The outbox is full: nothing wrong with the request, try again once it drains.
            _ => ClusterApi.Error(StatusCodes.Status409Conflict, reply.Error ?? "refused"),
        });

    private static IResult RuleResult(AlertsReply reply) =>
        reply.Rule is { } rule ? Results.Json(AlertRuleView.From(rule), OperatorJson.Options) : Results.Json(new { }, OperatorJson.Options);

    private static IResult AlertResult(AlertsReply reply) =>
        Results.Json(AlertView.From(reply.Alert!, reply.Rule?.Name), OperatorJson.Options);

    private static async Task<IResult> CommandAsync(IActorRegistry registry, IAlertsProtocol command, CancellationToken token,
        Func<AlertsReply, IResult> ok) =>
        await AskAsync<AlertsReply>(registry, command, token, reply => reply.Status switch
        {
            AlertsReplyStatus.Ok => ok(reply),
            AlertsReplyStatus.NotFound => ClusterApi.Error(StatusCodes.Status404NotFound, reply.Error ?? "not found"),
            _ => ClusterApi.Error(StatusCodes.Status400BadRequest, reply.Error ?? "refused"),
        });

    private static async Task<IResult> AskAsync<T>(IActorRegistry registry, object message, CancellationToken token, Func<T, IResult> answer)
    {
        try { return answer(await registry.Get<AlertsActor>().Ask<T>(message, AskTimeout, token)); }
        catch (AskTimeoutException) { return Unavailable(); }
    }

    private static IResult Unavailable() => ClusterApi.Error(StatusCodes.Status503ServiceUnavailable,
        $"the alerts singleton did not answer within {AskTimeout.TotalSeconds:0} s; is a node with the {AlertsSetup.Role} role up?");

    private static IResult NotJson(string example) =>
        ClusterApi.Error(StatusCodes.Status415UnsupportedMediaType, $"send the request as JSON: {example}");

    /// <summary>JSON only: a browser cannot send it cross-site without a CORS pre-flight, which this endpoint never grants.</summary>
    private static async Task<(T? Request, IResult? Problem)> ReadAsync<T>(HttpContext context, string example) where T : class
    {
        if (!context.Request.HasJsonContentType()) return (null, NotJson(example));
        try
        {
            var request = await context.Request.ReadFromJsonAsync<T>(OperatorJson.Options, context.RequestAborted);
            return request is null ? (null, ClusterApi.Error(StatusCodes.Status400BadRequest, $"expected {example}")) : (request, null);
        }
        catch (JsonException e) { return (null, ClusterApi.Error(StatusCodes.Status400BadRequest, $"expected {example}: {e.Message}")); }
    }

    private static string By(string? by) => string.IsNullOrWhiteSpace(by) ? "operator" : by.Trim()[..Math.Min(by.Trim().Length, 100)];

    /// <summary>Unix ms from "for" (a duration from now) or "until" (a time); exactly one must be given.</summary>
    internal static long? Until(string? @for, DateTimeOffset? until, TimeProvider clock, out string error)
    {
        error = "";
        if (@for is not null && until is not null) { error = "give either for or until, not both"; return null; }
        if (until is { } at) return at.ToUnixTimeMilliseconds();
        if (@for is null) { error = "for (e.g. 2h) or until (an ISO-8601 time) is required"; return null; }
        if (!Durations.TryParse(@for, out var span) || span > AlertRule.MaxDuration)
        {
            error = $"for: '{@for}' is not a duration up to 30 days (90s, 5m, 1h, 2d)";
            return null;
        }
        return clock.GetUtcNow().Add(span).ToUnixTimeMilliseconds();
    }

    internal static AlertRule? ToRule(AlertRuleRequest r, out string error)
    {
        var errors = new List<string>();
        var name = r.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name is required");
        var id = string.IsNullOrWhiteSpace(r.Id) ? AlertRule.IdFrom(name) : r.Id.Trim();
        if (!RuleScope.TryParse(r.Scope ?? "all", out var scope, out var scopeProblem)) errors.Add($"scope: {scopeProblem}");
        ConditionKind? condition = (r.Condition?.Trim().ToLowerInvariant() ?? "surge") switch
        {
            "surge" => ConditionKind.Surge,
            "drop" => ConditionKind.Drop,
            "rate" => ConditionKind.Rate,
            "error-share" or "error_share" or "errorshare" => ConditionKind.ErrorShare,
            _ => null,
        };
        if (condition is null) errors.Add($"condition: '{r.Condition}' is not surge, drop, rate or error-share");
        var window = TimeSpan.Zero;
        if (condition == ConditionKind.Rate)
        {
            if (r.MinEvents is null) errors.Add("min-events: a rate rule needs the number of events (e.g. 500)");
            if (string.IsNullOrWhiteSpace(r.Window)) errors.Add("window: a rate rule needs its window, 1–60 s (e.g. 30s)");
            else window = Duration("window", r.Window, errors);
            if (window != TimeSpan.Zero && window.TotalSeconds != Math.Floor(window.TotalSeconds)) errors.Add($"window: '{r.Window}' is not whole seconds");
        }
        if (condition == ConditionKind.ErrorShare && r.MinErrorShare is null)
            errors.Add("min-error-share: an error-share rule needs the 5xx share in percent (e.g. 20)");
        var minDuration = Duration("min-duration", r.MinDuration, errors);
        var renotify = Duration("renotify", r.Renotify, errors);
        QuietHours? quiet = null;
        if (!string.IsNullOrWhiteSpace(r.QuietHours) && !QuietHours.TryParse(r.QuietHours, out quiet, out var quietProblem))
            errors.Add($"quiet-hours: {quietProblem}");
        var channels = (r.Channels ?? []).Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (errors.Count > 0)
        {
            error = string.Join("; ", errors);
            return null;
        }
        error = "";
        // The singleton checks the rest (id, severity, channels against the configured ones) and stamps the creation time.
        var alertCondition = condition!.Value switch
        {
            ConditionKind.Rate => AlertCondition.Rate(r.MinEvents!.Value, (int)window.TotalSeconds),
            ConditionKind.ErrorShare => AlertCondition.ErrorShare(r.MinErrorShare!.Value / 100, r.MinSeverity ?? 0),
            var kind => new AlertCondition(kind, r.MinSeverity ?? 0),
        };
        return new AlertRule(id, name, scope, alertCondition, minDuration, renotify, quiet, channels, null, 0);
    }

    private static TimeSpan Duration(string name, string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return TimeSpan.Zero;
        if (Durations.TryParse(text, out var value)) return value;
        errors.Add($"{name}: '{text}' is not a duration (90s, 5m, 1h, 00:05:00)");
        return TimeSpan.Zero;
    }

    internal static AlertFilter? ToFilter(IQueryCollection query, TimeProvider clock, out string error)
    {
        error = "";
        AlertState? state = null;
        if (query["state"].ToString() is { Length: > 0 } s)
        {
            if (!Enum.TryParse<AlertState>(s, ignoreCase: true, out var parsed) || int.TryParse(s, out _))
            {
                error = $"state: '{s}' is not pending, firing, acknowledged or resolved";
                return null;
            }
            state = parsed;
        }
        long? since = null;
        if (query["since"].ToString() is { Length: > 0 } sinceText)
        {
            if (DateTimeOffset.TryParse(sinceText, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var at) && sinceText.Contains('-'))
                since = at.ToUnixTimeMilliseconds();
            else if (Durations.TryParse(sinceText, out var ago)) since = clock.GetUtcNow().Subtract(ago).ToUnixTimeMilliseconds();
            else
            {
                error = $"since: '{sinceText}' is neither a time (2026-01-01T08:00:00Z) nor a duration back from now (1h)";
                return null;
            }
        }
        var limit = 100;
        if (query["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > 10_000))
        {
            error = $"limit: '{limitText}' is not between 1 and 10000";
            return null;
        }
        static string? Text(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return new AlertFilter(Text(query["rule"].ToString()), Text(query["business"].ToString()), state, since, limit);
    }
}
