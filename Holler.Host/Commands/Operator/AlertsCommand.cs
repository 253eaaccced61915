using System.CommandLine;
using System.Globalization;
using Holler.Domain.Alerts;
using Holler.Host.Operator.Api;
using Spectre.Console;

namespace Holler.Host.Commands.Operator;

/// <summary><c>holler alerts rules add|list|show|rm|mute|unmute</c>, <c>holler alerts list|show|ack|snooze|not-real</c> and
/// <c>holler alerts dead-letters [list|show|redrive]</c>:
/// alert rules and the alert history over the operator API (docs/alerts.md).</summary>
public static class AlertsCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create() => new("alerts", "Alert rules and the alert history: list, acknowledge, snooze, mark not real")
    {
        new Command("rules", "Alert rules: what to alert on, for which businesses, on which channels")
        {
            AddRule(),
            Create("list", "Every rule, and the businesses snoozed now", ListRulesAsync),
            RuleAction("show", "One rule", (call, id, _, token) => call.Client.GetAsync<AlertRuleView>(Rule(id), token)),
            RuleAction("rm", "Remove a rule (its open alerts resolve, and are notified resolved)",
                (call, id, _, token) => call.Client.DeleteAsync<AlertRuleView>(Rule(id), token)),
            MuteRule(),
            RuleAction("unmute", "Unmute a rule", (call, id, _, token) => call.Client.PostAsync<AlertRuleView>($"{Rule(id)}/unmute", null, token)),
        },
        ListAlerts(),
        AlertAction("show", "One alert: its business, state, times and feedback", [],
            (call, id, _, token) => call.Client.GetAsync<AlertView>(Alert(id), token)),
        Acknowledge(),
        Snooze(),
        NotReal(),
        DeadLetters(),
    };

    // ---- rules ----

    private static Command AddRule()
    {
        var name = new Argument<string>("name") { Description = "What the rule is called; its id is made from it unless --id is given" };
        var id = new Option<string?>("--id") { Description = "The rule's id (a-z, 0-9, '-', '_')" };
        var scope = new Option<string>("--scope")
        {
            Description = "all, business:ID[,ID…], category:NAME[,NAME…] or city:NAME[,NAME…] (a city or metro area)",
            DefaultValueFactory = _ => "all",
        };
        var condition = new Option<string>("--condition")
        {
            Description = "surge, drop, rate (--min-events N --window 30s) or error-share (--min-error-share PERCENT)",
            DefaultValueFactory = _ => "surge",
        };
        var minEvents = new Option<int?>("--min-events") { Description = "A rate rule fires at this many events within --window" };
        var window = new Option<string?>("--window") { Description = "A rate rule's window, 1–60 s (e.g. 30s)" };
        var minErrorShare = new Option<double?>("--min-error-share")
        {
            Description = "An error-share rule fires when this percent of the window's events are 5xx (and well above the business's usual share)",
        };
        var severity = new Option<double>("--min-severity")
        {
            Description = "The episode's severity must reach this (−log10 of its likelihood); 0 takes every episode the detector reports",
        };
        var minDuration = new Option<string?>("--min-duration") { Description = "How long the condition holds before the alert fires (90s, 5m)" };
        var renotify = new Option<string?>("--renotify") { Description = "Remind this often while firing unacknowledged (30m, 1h); default never" };
        var quiet = new Option<string?>("--quiet-hours") { Description = "HH:mm-HH:mm in each business's local time when firing waits, e.g. 22:00-07:00" };
        var channels = new Option<string[]>("--channel", "-c")
        {
            Description = "A configured channel (Alerts:Channels:NAME) to notify; repeat for several",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        return Create("add", "Add an alert rule", async (call, parse, token) =>
        {
            var request = new AlertRuleRequest(parse.GetValue(id), parse.GetValue(name), parse.GetValue(scope), parse.GetValue(condition),
                parse.GetValue(severity), parse.GetValue(minDuration), parse.GetValue(renotify), parse.GetValue(quiet), parse.GetValue(channels),
                parse.GetValue(minEvents), parse.GetValue(window), parse.GetValue(minErrorShare));
            var rule = await call.Client.PostAsync<AlertRuleView>("/api/alerts/rules", request, token);
            if (call.Json) call.WriteJson(rule);
            else call.WriteLine($"Added rule {rule.Id}: {Describe(rule)}");
            return ExitCodes.Ok;
        }, name, id, scope, condition, severity, minEvents, window, minErrorShare, minDuration, renotify, quiet, channels);
    }

    private static async Task<int> ListRulesAsync(OperatorCall call, ParseResult _, CancellationToken token)
    {
        var view = await call.Client.GetAsync<AlertRulesView>("/api/alerts/rules", token);
        if (call.Json)
        {
            call.WriteJson(view);
            return ExitCodes.Ok;
        }
        if (view.Rules.Count == 0) call.WriteLine("No alert rules. Add one with: holler alerts rules add NAME --channel CHANNEL");
        else
        {
            var table = OperatorCall.Table("id", "name", "scope", "condition", "channels", "muted until");
            foreach (var r in view.Rules)
                OperatorCall.AddRow(table, r.Id, r.Name, r.Scope, Condition(r), string.Join(", ", r.Channels), Time(r.MutedUntil));
            call.Write(table);
        }
        foreach (var s in view.Snoozes)
            call.WriteLine($"Snoozed: {s.Business} for {(s.Rule is null ? "every rule" : $"rule {s.Rule}")} until {Time(s.Until)}");
        return ExitCodes.Ok;
    }

    private static Command MuteRule()
    {
        var (@for, until) = UntilOptions("Mute for this long (30m, 2h, 1d)");
        return RuleAction("mute", "Mute a rule until a time: its alerts are kept but not notified", async (call, id, parse, token) =>
            await call.Client.PostAsync<AlertRuleView>($"{Rule(id)}/mute", new UntilRequest(parse.GetValue(@for), parse.GetValue(until)), token),
            @for, until);
    }

    private static Command RuleAction(string name, string description,
        Func<OperatorCall, string, ParseResult, CancellationToken, Task<AlertRuleView>> act, params Symbol[] more)
    {
        var id = new Argument<string>("rule") { Description = "The rule's id (as rules list shows it)" };
        return Create(name, description, async (call, parse, token) =>
        {
            var rule = await act(call, parse.GetValue(id)!, parse, token);
            if (call.Json) call.WriteJson(rule);
            else if (name == "show") ShowRule(call, rule);
            else call.WriteLine(name switch
            {
                "rm" => $"Removed rule {rule.Id}.",
                "mute" => $"Muted rule {rule.Id} until {Time(rule.MutedUntil)}.",
                _ => $"Unmuted rule {rule.Id}.",
            });
            return ExitCodes.Ok;
        }, [id, .. more]);
    }

    private static void ShowRule(OperatorCall call, AlertRuleView r)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name), new Text(value));
        Row("rule", r.Id);
        Row("name", r.Name);
        Row("scope", r.Scope);
        Row("condition", Condition(r));
        Row("fires after", r.MinDurationSeconds == 0 ? "at once" : Span(r.MinDurationSeconds));
        Row("reminds", r.RenotifySeconds == 0 ? "never" : "every " + Span(r.RenotifySeconds));
        Row("quiet hours", r.QuietHours is null ? "none" : r.QuietHours + " (each business's local time)");
        Row("channels", string.Join(", ", r.Channels));
        Row("muted until", Time(r.MutedUntil));
        Row("created", Time(r.Created));
        call.Write(grid);
    }

    // ---- alerts ----

    private static Command ListAlerts()
    {
        var rule = new Option<string?>("--rule") { Description = "Only this rule's alerts" };
        var business = new Option<string?>("--business") { Description = "Only this business's alerts" };
        var state = new Option<string?>("--state") { Description = "pending, firing, acknowledged or resolved" };
        var since = new Option<string?>("--since") { Description = "Alerts open at any moment since: a duration back from now (1h) or a time (2026-01-01T08:00:00Z)" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first", DefaultValueFactory = _ => 50 };
        return Create("list", "The alert history, newest first", async (call, parse, token) =>
        {
            var query = new List<string>();
            void Add(string key, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value)) query.Add($"{key}={Uri.EscapeDataString(value.Trim())}");
            }
            Add("rule", parse.GetValue(rule));
            Add("business", parse.GetValue(business));
            Add("state", parse.GetValue(state));
            Add("since", parse.GetValue(since));
            Add("limit", parse.GetValue(limit).ToString(C));
            var view = await call.Client.GetAsync<AlertListView>("/api/alerts?" + string.Join('&', query), token);
            if (call.Json)
            {
                call.WriteJson(view);
                return ExitCodes.Ok;
            }
            if (view.Alerts.Count == 0)
            {
                call.WriteLine("No alerts match.");
                return ExitCodes.Ok;
            }
            var table = OperatorCall.Table("alert", "rule", "business", "state", "episode", " peak", "opened", "resolved", "note");
            foreach (var a in view.Alerts)
                OperatorCall.AddRow(table, a.Id, a.RuleId, $"{a.Name} ({a.BusinessId})", Name(a.State.ToString()), a.Episode,
                    a.PeakSeverity.ToString("F1", C), Time(a.Opened), Time(a.Resolved), a.NotReal is null ? "" : "not real");
            call.Write(table);
            return ExitCodes.Ok;
        }, rule, business, state, since, limit);
    }

    /// <summary><c>dead-letters</c> alone lists, as it did before it had sub-commands.</summary>
    private static Command DeadLetters()
    {
        var list = ListDeadLetters("dead-letters",
            "Notifications a channel gave up on (retries ran out, or refused), newest first; list, show or redrive them");
        list.Subcommands.Add(ListDeadLetters("list", "Notifications a channel gave up on, newest first"));
        list.Subcommands.Add(ShowDeadLetter());
        list.Subcommands.Add(RedriveDeadLetters());
        return list;
    }

    private static Command ListDeadLetters(string name, string description)
    {
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first", DefaultValueFactory = _ => 50 };
        return Create(name, description, async (call, parse, token) =>
        {
            var view = await call.Client.GetAsync<DeadLettersView>($"/api/alerts/dead-letters?limit={parse.GetValue(limit).ToString(C)}", token);
            if (call.Json)
            {
                call.WriteJson(view);
                return ExitCodes.Ok;
            }
            if (view.DeadLetters.Count == 0) call.WriteLine("No dead letters.");
            else
            {
                var table = OperatorCall.Table("id", "key", "channel", "rule", "businesses", "attempts", "given up", "reason");
                foreach (var d in view.DeadLetters)
                    OperatorCall.AddRow(table, d.Id, d.Key, d.Channel, d.RuleId, string.Join(", ", d.Businesses), d.Attempts.ToString(C), Time(d.At), d.Reason);
                call.Write(table);
            }
            call.WriteLine($"{view.DeadLettered.ToString(C)} dead-lettered since the outbox began, {view.PendingDeliveries.ToString(C)} deliveries still being tried.");
            return ExitCodes.Ok;
        }, limit);
    }

    private static Command ShowDeadLetter()
    {
        var id = new Argument<string>("id") { Description = "The dead letter's id (as dead-letters list shows it)" };
        return Create("show", "One dead letter: its notification, channel, attempts and why it was given up", async (call, parse, token) =>
        {
            var d = await call.Client.GetAsync<DeadLetterView>(DeadLetter(parse.GetValue(id)!), token);
            if (call.Json)
            {
                call.WriteJson(d);
                return ExitCodes.Ok;
            }
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string name, string value) => grid.AddRow(new Text(name), new Text(value));
            Row("dead letter", d.Id);
            Row("idempotency key", d.Key);
            Row("alert", $"{d.AlertId} ({d.Transition})");
            Row("rule", d.RuleName.Length == 0 ? d.RuleId : $"{d.RuleId} ({d.RuleName})");
            Row("businesses", string.Join(", ", d.Businesses));
            Row("channel", d.Channel);
            Row("attempts", d.Attempts.ToString(C));
            Row("retried from", Time(d.Accepted));
            Row("given up", Time(d.At));
            Row("reason", d.Reason);
            call.Write(grid);
            return ExitCodes.Ok;
        }, id);
    }

    private static Command RedriveDeadLetters()
    {
        var id = new Argument<string?>("id") { Description = "Re-drive this dead letter", Arity = ArgumentArity.ZeroOrOne };
        var channel = new Option<string?>("--channel", "-c") { Description = "Instead of an id: every dead letter of this channel (its receiver)" };
        var rule = new Option<string?>("--rule") { Description = "Instead of an id: every dead letter of this rule (with --channel, of both)" };
        var all = new Option<bool>("--all") { Description = "Instead of an id: every dead letter" };
        var limit = new Option<int>("--limit")
        {
            Description = "With --channel, --rule or --all: at most this many, oldest first (1–1000)",
            DefaultValueFactory = _ => 1_000,
        };
        return Create("redrive", "Send dead letters again, with their original Idempotency-Key and a fresh retry period", async (call, parse, token) =>
        {
            var one = parse.GetValue(id);
            var (channelName, ruleId, every) = (parse.GetValue(channel), parse.GetValue(rule), parse.GetValue(all));
            var filtered = channelName is not null || ruleId is not null || every;
            if ((one is null) == !filtered)
                throw new OperatorException(ExitCodes.BadConfiguration,
                    "alerts dead-letters redrive: give a dead letter's id, or --channel, --rule or --all, one of them");
            var view = one is not null
                ? await call.Client.PostAsync<RedriveView>($"{DeadLetter(one)}/redrive", new { }, token)
                : await call.Client.PostAsync<RedriveView>("/api/alerts/dead-letters/redrive",
                    new RedriveRequest(channelName, ruleId, every, parse.GetValue(limit)), token);
            if (call.Json)
            {
                call.WriteJson(view);
                return ExitCodes.Ok;
            }
            foreach (var d in view.Redriven) call.WriteLine($"Re-driven {d.Id}: {d.Key} to {d.Channel}.");
            if (view.Redriven.Count == 0) call.WriteLine("No dead letters match.");
            if (view.Left > 0) call.WriteLine($"{view.Left.ToString(C)} more match; run it again to re-drive them.");
            return ExitCodes.Ok;
        }, id, channel, rule, all, limit);
    }

    private static Command Acknowledge()
    {
        var by = ByOption();
        return AlertAction("ack", "Acknowledge a firing alert: no more reminders; its resolve is still notified", [by],
            (call, id, parse, token) => call.Client.PostAsync<AlertView>($"{Alert(id)}/ack", new AcknowledgeRequest(parse.GetValue(by)), token));
    }

    private static Command NotReal()
    {
        var by = ByOption();
        var note = new Option<string?>("--note") { Description = "Why it was not a real surge (kept for tuning the detector)" };
        return AlertAction("not-real", "Mark an alert \"not a real surge\" (stored with it, for tuning the detector)", [by, note],
            (call, id, parse, token) => call.Client.PostAsync<AlertView>($"{Alert(id)}/not-real", new NotRealRequest(parse.GetValue(by), parse.GetValue(note)), token));
    }

    private static Command Snooze()
    {
        var alert = new Argument<string?>("alert") { Description = "Snooze this alert's business for its rule", Arity = ArgumentArity.ZeroOrOne };
        var business = new Option<string?>("--business") { Description = "Instead of an alert: snooze this business" };
        var rule = new Option<string?>("--rule") { Description = "With --business: only for this rule (default every rule)" };
        var (@for, until) = UntilOptions("Snooze for this long (30m, 2h, 1d)");
        return Create("snooze", "Snooze a business until a time: its alerts are kept but not notified", async (call, parse, token) =>
        {
            var id = parse.GetValue(alert);
            var businessId = parse.GetValue(business);
            if ((id is null) == (businessId is null))
                throw new OperatorException(ExitCodes.BadConfiguration, "alerts snooze: give an alert id or --business, one of them");
            if (id is not null)
            {
                var view = await call.Client.PostAsync<AlertView>($"{Alert(id)}/snooze", new UntilRequest(parse.GetValue(@for), parse.GetValue(until)), token);
                if (call.Json) call.WriteJson(view);
                else call.WriteLine($"Snoozed {view.Name} ({view.BusinessId}) for rule {view.RuleId}.");
                return ExitCodes.Ok;
            }
            var snooze = await call.Client.PostAsync<SnoozeView>("/api/alerts/snooze",
                new SnoozeRequest(businessId, parse.GetValue(rule), parse.GetValue(@for), parse.GetValue(until)), token);
            if (call.Json) call.WriteJson(snooze);
            else call.WriteLine($"Snoozed {snooze.Business} for {(snooze.Rule is null ? "every rule" : $"rule {snooze.Rule}")} until {Time(snooze.Until)}.");
            return ExitCodes.Ok;
        }, alert, business, rule, @for, until);
    }

    private static Command AlertAction(string name, string description, Symbol[] more,
        Func<OperatorCall, string, ParseResult, CancellationToken, Task<AlertView>> act)
    {
        var id = new Argument<string>("alert") { Description = "The alert's id (as alerts list shows it)" };
        return Create(name, description, async (call, parse, token) =>
        {
            var alert = await act(call, parse.GetValue(id)!, parse, token);
            if (call.Json) call.WriteJson(alert);
            else if (name == "show") ShowAlert(call, alert);
            else call.WriteLine(name switch
            {
                "ack" => $"Acknowledged {alert.Id} ({alert.Name}).",
                _ => $"Marked {alert.Id} ({alert.Name}) not a real surge.",
            });
            return ExitCodes.Ok;
        }, [id, .. more]);
    }

    private static void ShowAlert(OperatorCall call, AlertView a)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name), new Text(value));
        Row("alert", a.Id);
        Row("rule", a.RuleName is null ? a.RuleId : $"{a.RuleId} ({a.RuleName})");
        Row("business", $"{a.Name} ({a.BusinessId})" + (a.Category is null ? "" : $" · {a.Category} · {a.City}"));
        Row("state", Name(a.State.ToString()) + (a.ResolveReason is null ? "" : $" ({a.ResolveReason})"));
        Row("episode", $"{a.Episode} since {Time(a.EpisodeSince)}");
        Row("severity", $"{a.Severity.ToString("F2", C)} (peak {a.PeakSeverity.ToString("F2", C)})   ratio {a.Ratio.ToString("F2", C)}×");
        Row("window", $"{a.Window.ToString("N0", C)} events in 60 s, {a.Expected.ToString("N1", C)} expected");
        Row("opened", Time(a.Opened));
        Row("fired", Time(a.Fired) + (a.Fired is null ? "" : a.FiringNotified ? ", notified" : ", not notified (muted, snoozed or quiet hours)"));
        if (a.Acknowledged is not null) Row("acknowledged", $"{Time(a.Acknowledged)} by {a.AcknowledgedBy}");
        Row("resolved", Time(a.Resolved) + (a.ResolveNotified ? ", notified" : ""));
        if (a.NotReal is { } f) Row("not real", $"{Time(f.At)} by {f.By}" + (f.Note.Length == 0 ? "" : $": {f.Note}"));
        if (a.DrillDownUrl.Length > 0) Row("dashboard", a.DrillDownUrl);
        call.Write(grid);
    }

    // ---- helpers ----

    /// <summary>An operator command whose "no rule" or "no alert" answer is bad input (exit 2), like a bad duration: the
    /// person named something that is not there.</summary>
    private static Command Create(string name, string description, Func<OperatorCall, ParseResult, CancellationToken, Task<int>> action,
        params Symbol[] symbols) =>
        OperatorOptions.Create(name, description, async (call, parse, token) =>
        {
            try { return await action(call, parse, token); }
            catch (OperatorException e) when (e.ExitCode == ExitCodes.Failed
                                              && (e.Message.StartsWith("no rule '", StringComparison.Ordinal) || e.Message.StartsWith("no alert '", StringComparison.Ordinal)
                                                  || e.Message.StartsWith("no dead letter '", StringComparison.Ordinal)))
            {
                throw new OperatorException(ExitCodes.BadConfiguration, e.Message);
            }
        }, symbols);

    private static (Option<string?> For, Option<DateTimeOffset?> Until) UntilOptions(string forDescription) =>
        (new Option<string?>("--for") { Description = forDescription },
         new Option<DateTimeOffset?>("--until") { Description = "Until this time (ISO-8601, e.g. 2026-01-01T08:00:00Z)" });

    private static Option<string?> ByOption() => new("--by")
    {
        Description = "Who is doing it (default: your user name)",
        DefaultValueFactory = _ => Environment.UserName,
    };

    private static string Rule(string id) => $"/api/alerts/rules/{Uri.EscapeDataString(id)}";
    private static string Alert(string id) => $"/api/alerts/{Uri.EscapeDataString(id)}";
    private static string DeadLetter(string id) => $"/api/alerts/dead-letters/{Uri.EscapeDataString(id)}";

    private static string Describe(AlertRuleView r) =>
        $"{Condition(r)} on {r.Scope} → {string.Join(", ", r.Channels)}"
        + (r.MinDurationSeconds > 0 ? $", after {Span(r.MinDurationSeconds)}" : "")
        + (r.QuietHours is null ? "" : $", quiet {r.QuietHours}");

    private static string Condition(AlertRuleView r) => r.Condition switch
    {
        ConditionKind.Rate => $"rate ≥ {r.MinEvents} events in {r.WindowSeconds} s",
        ConditionKind.ErrorShare => $"error share ≥ {r.MinErrorShare?.ToString("0.##", C)}%" + (r.MinSeverity > 0 ? $", severity ≥ {r.MinSeverity.ToString("0.##", C)}" : ""),
        _ => Name(r.Condition.ToString()) + (r.MinSeverity > 0 ? $" ≥ {r.MinSeverity.ToString("0.##", C)}" : ""),
    };

    private static string Name(string enumName) => enumName.ToLowerInvariant();

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", C) + " UTC" : "—";

    private static string Span(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalHours >= 1 ? $"{span.TotalHours.ToString("0.##", C)} h"
            : span.TotalMinutes >= 1 ? $"{span.TotalMinutes.ToString("0.##", C)} min"
            : $"{seconds.ToString("0.##", C)} s";
    }
}
