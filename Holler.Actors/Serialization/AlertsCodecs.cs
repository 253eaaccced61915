using Holler.Alerts;
using Holler.Domain.Alerts;
using NodaTime;

namespace Holler.Serialization;

/// <summary>The alert book's journal events and snapshot (persisted), and the alerts singleton's protocol (remote:
/// operator API → singleton).</summary>
internal static class AlertsCodecs
{
    public static readonly MessageCodec[] All =
    [
        // ---- persisted: the alerts journal and snapshots ----
        MessageCodec.For<RuleAdded>("AR1", static (w, e) => WriteRule(w, e.Rule), static r => new RuleAdded(ReadRule(r))),
        MessageCodec.For<RuleRemoved>("AX1",
            static (w, e) => { w.Write(e.RuleId); w.Write(e.AtMs); },
            static r => new RuleRemoved(r.ReadString(), r.ReadInt64())),
        MessageCodec.For<RuleMuted>("AM1",
            static (w, e) => { w.Write(e.RuleId); WriteOptional(w, e.UntilMs); },
            static r => new RuleMuted(r.ReadString(), ReadOptionalLong(r))),
        MessageCodec.For<BusinessSnoozed>("AZ1",
            static (w, e) => { WriteOptional(w, e.RuleId); w.Write(e.BusinessId); WriteOptional(w, e.UntilMs); },
            static r => new BusinessSnoozed(ReadOptionalString(r), r.ReadString(), ReadOptionalLong(r))),
        MessageCodec.For<AlertOpened>("AO1",
            static (w, e) => { w.Write(e.AlertId); w.Write(e.RuleId); WriteBusiness(w, e.Business); w.Write(e.AtMs); },
            static r => new AlertOpened(r.ReadString(), r.ReadString(), ReadBusiness(r), r.ReadInt64())),
        MessageCodec.For<AlertFired>("AF1",
            static (w, e) => { w.Write(e.AlertId); w.Write(e.AtMs); WriteBusiness(w, e.Business); w.Write(e.Notify); },
            static r => new AlertFired(r.ReadString(), r.ReadInt64(), ReadBusiness(r), r.ReadBoolean())),
        MessageCodec.For<AlertReleased>("AL1",
            static (w, e) => { w.Write(e.AlertId); w.Write(e.AtMs); },
            static r => new AlertReleased(r.ReadString(), r.ReadInt64())),
        MessageCodec.For<AlertAcknowledged>("AK1",
            static (w, e) => { w.Write(e.AlertId); w.Write(e.AtMs); w.Write(e.By); },
            static r => new AlertAcknowledged(r.ReadString(), r.ReadInt64(), r.ReadString())),
        MessageCodec.For<AlertResolved>("AD1",
            static (w, e) => { w.Write(e.AlertId); w.Write(e.AtMs); w.Write(e.Reason); WriteBusiness(w, e.Business); w.Write(e.PeakSeverity); },
            static r => new AlertResolved(r.ReadString(), r.ReadInt64(), r.ReadString(), ReadBusiness(r), r.ReadDouble())),
        MessageCodec.For<AlertMarkedNotReal>("AN1",
            static (w, e) => { w.Write(e.AlertId); WriteFeedback(w, e.Feedback); },
            static r => new AlertMarkedNotReal(r.ReadString(), ReadFeedback(r))),
        MessageCodec.For<NotificationQueued>("NQ1",
            static (w, e) => { WriteNotification(w, e.Notification); w.Write((byte)e.Kind); w.WriteStrings([.. e.AlertIds]); w.Write(e.AtMs); },
            static r => new NotificationQueued(ReadNotification(r), (NotificationKind)r.ReadByte(), r.ReadStrings(), r.ReadInt64())),
        MessageCodec.For<NotificationConfirmed>("NC1",
            static (w, e) => w.Write(e.IdempotencyKey),
            static r => new NotificationConfirmed(r.ReadString())),
        MessageCodec.For<AlertBookState>("AS1",
            static (w, s) =>
            {
                WriteList(w, s.Rules, WriteRule);
                WriteList(w, s.Snoozes, static (w, z) => { WriteOptional(w, z.RuleId); w.Write(z.BusinessId); w.Write(z.UntilMs); });
                WriteList(w, s.Alerts, WriteAlert);
                w.Write(s.NextAlertNumber);
                WriteList(w, s.Outbox, static (w, q) => { WriteNotification(w, q.Notification); w.Write(q.QueuedMs); });
            },
            static r => new AlertBookState(
                ReadList(r, ReadRule),
                ReadList(r, static r => new Snooze(ReadOptionalString(r), r.ReadString(), r.ReadInt64())),
                ReadList(r, ReadAlert),
                r.ReadInt64(),
                ReadList(r, static r => new QueuedNotification(ReadNotification(r), r.ReadInt64())))),

        // ---- remote: operator API → alerts singleton ----
        MessageCodec.For<AlertWatchesUpdated>("RW1",
            static (w, m) => WriteList(w, m.Rates, static (w, x) => { w.Write(x.Seconds); w.Write(x.MinEvents); }),
            static r => new AlertWatchesUpdated(ReadList(r, static r => new RateWatch(r.ReadInt32(), r.ReadInt32())))),
        MessageCodec.For<RateChanged>("RC1",
            static (w, m) => { w.Write(m.BusinessId); w.Write(m.Over); w.Write(m.Seconds); w.Write(m.Count); w.Write(m.Expected); w.Write(m.SinceMs); },
            static r => new RateChanged(r.ReadString(), r.ReadBoolean(), r.ReadInt32(), r.ReadInt64(), r.ReadDouble(), r.ReadInt64())),
        MessageCodec.For<AddAlertRule>("APA1", static (w, m) => WriteRule(w, m.Rule), static r => new AddAlertRule(ReadRule(r))),
        MessageCodec.For<RemoveAlertRule>("APR1", static (w, m) => w.Write(m.RuleId), static r => new RemoveAlertRule(r.ReadString())),
        MessageCodec.For<MuteAlertRule>("APM1",
            static (w, m) => { w.Write(m.RuleId); WriteOptional(w, m.UntilMs); },
            static r => new MuteAlertRule(r.ReadString(), ReadOptionalLong(r))),
        MessageCodec.For<SnoozeBusiness>("APZ1",
            static (w, m) => { WriteOptional(w, m.RuleId); w.Write(m.BusinessId); WriteOptional(w, m.UntilMs); },
            static r => new SnoozeBusiness(ReadOptionalString(r), r.ReadString(), ReadOptionalLong(r))),
        MessageCodec.For<SnoozeAlert>("APS1",
            static (w, m) => { w.Write(m.AlertId); WriteOptional(w, m.UntilMs); },
            static r => new SnoozeAlert(r.ReadString(), ReadOptionalLong(r))),
        MessageCodec.For<AcknowledgeAlert>("APK1",
            static (w, m) => { w.Write(m.AlertId); w.Write(m.By); },
            static r => new AcknowledgeAlert(r.ReadString(), r.ReadString())),
        MessageCodec.For<MarkAlertNotReal>("APN1",
            static (w, m) => { w.Write(m.AlertId); w.Write(m.By); w.Write(m.Note); },
            static r => new MarkAlertNotReal(r.ReadString(), r.ReadString(), r.ReadString())),
        MessageCodec.Singleton("APG1", GetAlertRules.Instance),
        MessageCodec.For<AlertRulesReply>("APL1",
            static (w, m) =>
            {
                WriteList(w, m.Rules, WriteRule);
                WriteList(w, m.Snoozes, static (w, z) => { WriteOptional(w, z.RuleId); w.Write(z.BusinessId); w.Write(z.UntilMs); });
            },
            static r => new AlertRulesReply(ReadList(r, ReadRule),
                ReadList(r, static r => new Snooze(ReadOptionalString(r), r.ReadString(), r.ReadInt64())))),
        MessageCodec.For<GetAlerts>("APH1",
            static (w, m) =>
            {
                WriteOptional(w, m.Filter.RuleId); WriteOptional(w, m.Filter.BusinessId);
                WriteOptional(w, m.Filter.State is { } s ? (long)s : null); WriteOptional(w, m.Filter.SinceMs); w.Write(m.Filter.Limit);
            },
            static r => new GetAlerts(new AlertFilter(ReadOptionalString(r), ReadOptionalString(r),
                ReadOptionalLong(r) is { } s ? (AlertState)s : null, ReadOptionalLong(r), r.ReadInt32()))),
        MessageCodec.For<AlertListReply>("API1", static (w, m) => WriteList(w, m.Alerts, WriteAlert), static r => new AlertListReply(ReadList(r, ReadAlert))),
        MessageCodec.For<GetAlert>("APJ1", static (w, m) => w.Write(m.AlertId), static r => new GetAlert(r.ReadString())),
        MessageCodec.For<AlertsReply>("APY1",
            static (w, m) =>
            {
                w.Write((byte)m.Status); WriteOptional(w, m.Error);
                w.Write(m.Rule is not null); if (m.Rule is not null) WriteRule(w, m.Rule);
                w.Write(m.Alert is not null); if (m.Alert is not null) WriteAlert(w, m.Alert);
            },
            static r => new AlertsReply((AlertsReplyStatus)r.ReadByte(), ReadOptionalString(r),
                r.ReadBoolean() ? ReadRule(r) : null, r.ReadBoolean() ? ReadAlert(r) : null)),
    ];

    private static void WriteRule(BinaryWriter w, AlertRule rule)
    {
        w.Write(rule.Id); w.Write(rule.Name);
        w.Write((byte)rule.Scope.Kind); w.WriteStrings([.. rule.Scope.Values]);
        WriteCondition(w, rule.Condition);
        w.Write(rule.MinDuration.Ticks); w.Write(rule.RenotifyInterval.Ticks);
        w.Write(rule.QuietHours is not null);
        if (rule.QuietHours is { } quiet)
        {
            w.Write(quiet.Start.NanosecondOfDay);
            w.Write(quiet.End.NanosecondOfDay);
        }
        w.WriteStrings([.. rule.Channels]);
        WriteOptional(w, rule.MutedUntilMs);
        w.Write(rule.CreatedMs);
    }

    private static AlertRule ReadRule(BinaryReader r)
    {
        var id = r.ReadString();
        var name = r.ReadString();
        var scope = new RuleScope((RuleScopeKind)r.ReadByte(), r.ReadStrings());
        var condition = ReadCondition(r);
        var minDuration = TimeSpan.FromTicks(r.ReadInt64());
        var renotify = TimeSpan.FromTicks(r.ReadInt64());
        var quiet = r.ReadBoolean()
            ? new QuietHours(LocalTime.FromNanosecondsSinceMidnight(r.ReadInt64()), LocalTime.FromNanosecondsSinceMidnight(r.ReadInt64()))
            : null;
        return new AlertRule(id, name, scope, condition, minDuration, renotify, quiet, r.ReadStrings(), ReadOptionalLong(r), r.ReadInt64());
    }

    // Rate and error-share conditions came after the first rules were stored: their figures follow the kind only for
    // those kinds, so surge and drop rules written before read exactly as they did.
    private static void WriteCondition(BinaryWriter w, AlertCondition c)
    {
        w.Write((byte)c.Kind); w.Write(c.MinSeverity);
        if (c.Kind == ConditionKind.Rate) { w.Write(c.MinEvents); w.Write(c.WindowSeconds); }
        else if (c.Kind == ConditionKind.ErrorShare) w.Write(c.MinShare);
    }

    private static AlertCondition ReadCondition(BinaryReader r)
    {
        var kind = (ConditionKind)r.ReadByte();
        var severity = r.ReadDouble();
        return kind switch
        {
            ConditionKind.Rate => new AlertCondition(kind, severity, r.ReadInt32(), r.ReadInt32()),
            ConditionKind.ErrorShare => new AlertCondition(kind, severity, MinShare: r.ReadDouble()),
            _ => new AlertCondition(kind, severity),
        };
    }

    // The byte that was the drop flag (0 surge, 1 drop) also says rate (2) and error share (3), whose window length
    // follows; alerts stored before those kinds read as they did.
    private const byte RateByte = 2, ErrorShareByte = 3;

    internal static void WriteBusiness(BinaryWriter w, AlertedBusiness b)
    {
        w.Write(b.BusinessId); w.Write(b.Name); WriteOptional(w, b.Category); WriteOptional(w, b.City);
        var kind = b.Kind switch { SignalKind.Rate => RateByte, SignalKind.ErrorShare => ErrorShareByte, _ => (byte)(b.Drop ? 1 : 0) };
        w.Write(kind);
        if (kind >= RateByte) w.Write(b.WindowSeconds);
        w.Write(b.Severity); w.Write(b.Ratio); w.Write(b.WindowCount); w.Write(b.Expected); w.Write(b.SinceMs); w.Write(b.DrillDownUrl);
    }

    internal static AlertedBusiness ReadBusiness(BinaryReader r)
    {
        var id = r.ReadString();
        var name = r.ReadString();
        var category = ReadOptionalString(r);
        var city = ReadOptionalString(r);
        var kindByte = r.ReadByte();
        var (kind, seconds) = kindByte switch
        {
            RateByte => (SignalKind.Rate, r.ReadInt32()),
            ErrorShareByte => (SignalKind.ErrorShare, r.ReadInt32()),
            _ => (SignalKind.Episode, WebhookPayload.WindowSeconds),
        };
        return new AlertedBusiness(id, name, category, city, kindByte == 1, r.ReadDouble(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble(),
            r.ReadInt64(), r.ReadString(), kind, seconds);
    }

    private static void WriteNotification(BinaryWriter w, Notification n)
    {
        w.Write(n.AlertId); w.Write((byte)n.Transition); w.Write(n.RuleId); w.Write(n.RuleName);
        WriteList(w, n.Businesses, WriteBusiness);
        w.Write(n.MoreBusinesses); w.Write(n.AtMs); w.WriteStrings([.. n.Channels]);
    }

    private static Notification ReadNotification(BinaryReader r) =>
        new(r.ReadString(), (AlertTransition)r.ReadByte(), r.ReadString(), r.ReadString(), ReadList(r, ReadBusiness), r.ReadInt32(),
            r.ReadInt64(), r.ReadStrings());

    private static void WriteFeedback(BinaryWriter w, AlertFeedback f)
    {
        w.Write(f.AtMs); w.Write(f.By); w.Write(f.Note);
    }

    private static AlertFeedback ReadFeedback(BinaryReader r) => new(r.ReadInt64(), r.ReadString(), r.ReadString());

    private static void WriteAlert(BinaryWriter w, Alert a)
    {
        w.Write(a.Id); w.Write(a.RuleId); w.Write(a.BusinessId); w.Write((byte)a.State); w.Write(a.OpenedMs);
        WriteOptional(w, a.FiredMs); WriteOptional(w, a.AcknowledgedMs); WriteOptional(w, a.AcknowledgedBy);
        WriteOptional(w, a.ResolvedMs); WriteOptional(w, a.ResolveReason); w.Write(a.PeakSeverity); WriteBusiness(w, a.Business);
        w.Write(a.Notify); WriteOptional(w, a.NotifyEligibleMs); w.Write(a.FiringNotified); w.Write(a.ResolveNotified);
        w.Write(a.LastNotifiedMs); w.Write(a.Reminders);
        w.Write(a.Feedback is not null);
        if (a.Feedback is not null) WriteFeedback(w, a.Feedback);
    }

    private static Alert ReadAlert(BinaryReader r)
    {
        var id = r.ReadString();
        var ruleId = r.ReadString();
        var businessId = r.ReadString();
        var state = (AlertState)r.ReadByte();
        var opened = r.ReadInt64();
        var fired = ReadOptionalLong(r);
        var acked = ReadOptionalLong(r);
        var ackedBy = ReadOptionalString(r);
        var resolved = ReadOptionalLong(r);
        var reason = ReadOptionalString(r);
        var peak = r.ReadDouble();
        var business = ReadBusiness(r);
        return new Alert
        {
            Id = id, RuleId = ruleId, BusinessId = businessId, State = state, OpenedMs = opened, FiredMs = fired, AcknowledgedMs = acked,
            AcknowledgedBy = ackedBy, ResolvedMs = resolved, ResolveReason = reason, PeakSeverity = peak, Business = business,
            Notify = r.ReadBoolean(), NotifyEligibleMs = ReadOptionalLong(r), FiringNotified = r.ReadBoolean(),
            ResolveNotified = r.ReadBoolean(), LastNotifiedMs = r.ReadInt64(), Reminders = r.ReadInt32(),
            Feedback = r.ReadBoolean() ? ReadFeedback(r) : null,
        };
    }

    private static void WriteList<T>(BinaryWriter w, IReadOnlyList<T> items, Action<BinaryWriter, T> write)
    {
        w.Write(items.Count);
        foreach (var item in items) write(w, item);
    }

    private static T[] ReadList<T>(BinaryReader r, Func<BinaryReader, T> read)
    {
        var items = new T[r.ReadInt32()];
        for (var i = 0; i < items.Length; i++) items[i] = read(r);
        return items;
    }

    private static void WriteOptional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null) w.Write(value);
    }

    private static void WriteOptional(BinaryWriter w, long? value)
    {
        w.Write(value.HasValue);
        if (value is { } v) w.Write(v);
    }

    private static string? ReadOptionalString(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static long? ReadOptionalLong(BinaryReader r) => r.ReadBoolean() ? r.ReadInt64() : null;
}
