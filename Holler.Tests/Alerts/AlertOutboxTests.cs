using Akka.Actor;
using Holler.Alerts.Channels;
using Holler.Alerts.Delivery;
using Holler.Domain.Alerts;
using Holler.Tests.Support;

namespace Holler.Tests.Alerts;

/// <summary>
/// The delivery outbox on a real journal (SQLite) against real receivers: persist before send, at-least-once with one
/// key, back-off on an injected clock (no sleeps: the test moves time), dead letters, bounds, a slow receiver, restarts.
/// </summary>
public sealed class AlertOutboxTests(ITestOutputHelper output) : SqliteTestKit(nameof(AlertOutboxTests), output)
{
    // The receivers check signatures against the real time, so the injected clock starts there and only moves ahead a little.
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly DeliveryMetrics _metrics = new();

    private IActorRef Start(string pid, DeliverySettings settings, double uniform = 1.0)
    {
        // Not disposed: its HttpClient lives as long as the outbox, which the test kit stops at the end.
        var senders = new ChannelSenders(settings, _clock);
        return Sys.ActorOf(AlertOutbox.Props(pid, settings, senders, _clock, () => uniform, _metrics));
    }

    private void Deliver(IActorRef outbox, Notification n)
    {
        outbox.Tell(new DeliverNotification(n), TestActor);
        Assert.Equal(n.IdempotencyKey, ExpectMsg<NotificationAccepted>(Long, cancellationToken: Ct).IdempotencyKey);
    }

    private DeadLettersReply DeadLetters(IActorRef outbox)
    {
        outbox.Tell(new GetDeadLetters(100), TestActor);
        return ExpectMsg<DeadLettersReply>(Long, cancellationToken: Ct);
    }

    [Fact]
    public async Task A_notification_is_accepted_then_delivered_once_and_a_repeat_of_its_key_is_not_sent_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        // As a node creates it: its own senders, the system clock.
        var outbox = Sys.ActorOf(AlertOutbox.Props("outbox-once",
            DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url, maxConcurrent: 1)), _metrics));

        Deliver(outbox, Notifications.Sample("a-1"));
        AwaitAssert(() => Assert.Single(receiver.Accepted), Long, cancellationToken: Ct);
        Deliver(outbox, Notifications.Sample("a-1"));
        Deliver(outbox, Notifications.Sample("a-2"));
        AwaitAssert(() => Assert.Equal(2, receiver.Accepted.Count), Long, cancellationToken: Ct);

        Assert.Equal(["a-1.firing", "a-2.firing"], receiver.Requests.Select(r => r.Key));
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        // The receiver counts a request before it answers; the outbox records the answer after.
        AwaitAssert(() => Assert.Equal(0, DeadLetters(outbox).PendingDeliveries), Long, cancellationToken: Ct);
        // Persisted before it was sent: the journal starts with the notification.
        Assert.IsType<OutboxQueued>(ReadJournal("outbox-once")[0].Payload);
    }

    [Fact]
    public async Task A_receiver_failing_three_times_gets_one_accepted_delivery_with_the_same_key_after_backing_off()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.FailFirst = 3;
        var settings = DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url)) with
        {
            Retry = new RetrySchedule(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10)),
        };
        // A draw of 1 waits the whole ceiling: 2 s, 4 s, 8 s.
        var outbox = Start("outbox-retry", settings, uniform: 1.0);

        Deliver(outbox, Notifications.Sample("a-1"));
        foreach (var (attempt, wait) in new[] { (1, 2), (2, 4), (3, 8) })
        {
            AwaitAssert(() => Assert.Equal(attempt, _metrics.Count("hook", DeliveryOutcome.Failed)), Long, cancellationToken: Ct);
            Assert.Equal(attempt, receiver.Arrived);
            _clock.Advance(TimeSpan.FromSeconds(wait));
        }
        AwaitAssert(() => Assert.Equal(1, _metrics.Count("hook", DeliveryOutcome.Delivered)), Long, cancellationToken: Ct);

        Assert.Equal(4, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal("a-1.firing", r.Key));
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        Assert.Equal(["a-1.firing"], receiver.Accepted);
        // Each attempt is signed at its own (injected) time, so the waits show in the signatures.
        var times = receiver.Requests.Select(r => long.Parse(r.Signature!.Split(',')[0][2..])).ToList();
        Assert.Equal([2L, 4L, 8L], times.Zip(times.Skip(1), (a, b) => b - a));
    }

    [Fact]
    public async Task A_delivery_still_failing_after_RetryFor_is_dead_lettered_with_the_reason()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.Status = 500;
        var settings = DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url)) with { RetryFor = TimeSpan.FromHours(1) };
        var outbox = Start("outbox-dead", settings);

        Deliver(outbox, Notifications.Sample("a-1"));
        AwaitAssert(() => Assert.Equal(1, _metrics.Count("hook", DeliveryOutcome.Failed)), Long, cancellationToken: Ct);
        Assert.Empty(DeadLetters(outbox).DeadLetters);
        _clock.Advance(TimeSpan.FromHours(1));
        AwaitAssert(() => Assert.Single(DeadLetters(outbox).DeadLetters), Long, cancellationToken: Ct);

        var reply = DeadLetters(outbox);
        var letter = Assert.Single(reply.DeadLetters);
        Assert.Equal("hook", letter.Channel);
        Assert.Equal("a-1.firing", letter.Notification.IdempotencyKey);
        Assert.Equal("gave up after 1 attempts in 01:00:00: HTTP 500", letter.Reason);
        Assert.Equal(1, letter.Attempts);
        Assert.Equal(1, reply.DeadLettered);
        Assert.Equal(0, reply.PendingDeliveries);
        Assert.Equal(1, receiver.Arrived);
    }

    [Fact]
    public async Task A_rejected_request_is_dead_lettered_at_once_and_an_unknown_channel_before_any_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.Status = 410;
        var outbox = Start("outbox-rejected", DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url)));

        // "HOOK": rules name channels case-insensitively, as settings do.
        Deliver(outbox, Notifications.Sample("a-1", channels: ["HOOK", "nowhere"]));
        AwaitAssert(() => Assert.Equal(2, DeadLetters(outbox).DeadLetters.Count), Long, cancellationToken: Ct);

        var letters = DeadLetters(outbox).DeadLetters.OrderBy(l => l.Channel).ToList();
        Assert.Equal(("HOOK", "HTTP 410: the receiver rejected the request", 1), (letters[0].Channel, letters[0].Reason, letters[0].Attempts));
        Assert.Equal(("nowhere", "no channel 'nowhere' is configured (Alerts:Channels:nowhere)", 0),
            (letters[1].Channel, letters[1].Reason, letters[1].Attempts));
    }

    [Fact]
    public async Task A_receiver_that_never_answers_does_not_delay_acceptance_of_further_notifications()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.Hold = true;
        var settings = DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url)) with { Timeout = TimeSpan.FromMinutes(5) };
        var outbox = Start("outbox-slow", settings);

        Deliver(outbox, Notifications.Sample("a-0"));
        AwaitAssert(() => Assert.Equal(1, receiver.Arrived), Long, cancellationToken: Ct);
        var started = DateTime.UtcNow;
        for (var i = 1; i <= 20; i++) Deliver(outbox, Notifications.Sample($"a-{i}"));
        var accepting = DateTime.UtcNow - started;

        // Nothing was answered, yet all were accepted, each in journal-write time, not in receiver time (minutes).
        Assert.Empty(receiver.Accepted);
        Assert.True(accepting < TimeSpan.FromSeconds(15), $"accepting 20 took {accepting}");
        Assert.Equal(21, DeadLetters(outbox).PendingDeliveries);
        receiver.Release();
        AwaitAssert(() => Assert.Equal(21, receiver.Accepted.Count), Long, cancellationToken: Ct);
        Assert.Equal(21, receiver.Accepted.Distinct().Count());
    }

    [Fact]
    public async Task At_most_MaxConcurrent_sends_run_against_one_receiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.Hold = true;
        var outbox = Start("outbox-concurrency",
            DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url, maxConcurrent: 2)) with { Timeout = TimeSpan.FromMinutes(5) });

        for (var i = 0; i < 6; i++) Deliver(outbox, Notifications.Sample($"a-{i}"));
        AwaitAssert(() => Assert.Equal(2, receiver.Arrived), Long, cancellationToken: Ct);
        Assert.Equal(6, DeadLetters(outbox).PendingDeliveries);
        receiver.Release();
        AwaitAssert(() => Assert.Equal(6, receiver.Accepted.Count), Long, cancellationToken: Ct);

        Assert.Equal(2, receiver.MaxInFlight);
    }

    [Fact]
    public async Task The_rate_limit_spreads_sends_over_the_minute()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        var outbox = Start("outbox-rate", DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url, ratePerMinute: 2)));

        for (var i = 0; i < 4; i++) Deliver(outbox, Notifications.Sample($"a-{i}"));
        AwaitAssert(() => Assert.Equal(2, receiver.Accepted.Count), Long, cancellationToken: Ct);
        AwaitAssert(() => Assert.Equal(2, DeadLetters(outbox).PendingDeliveries), Long, cancellationToken: Ct);
        _clock.Advance(TimeSpan.FromSeconds(30));
        AwaitAssert(() => Assert.Equal(3, receiver.Accepted.Count), Long, cancellationToken: Ct);
        _clock.Advance(TimeSpan.FromSeconds(30));
        AwaitAssert(() => Assert.Equal(4, receiver.Accepted.Count), Long, cancellationToken: Ct);

        // The first two go out at once, on two connections, and may arrive in either order; the rate limit releases
        // the other two one at a time, in order.
        Assert.Equal(["a-0.firing", "a-1.firing"], receiver.Accepted.Take(2).Order());
        Assert.Equal(["a-2.firing", "a-3.firing"], receiver.Accepted.Skip(2));
    }

    [Fact]
    public async Task A_full_outbox_accepts_but_dead_letters_the_newcomer_and_keeps_what_it_holds()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.Hold = true;
        var settings = DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url)) with
        {
            MaxPending = 2,
            Timeout = TimeSpan.FromMinutes(5),
        };
        var outbox = Start("outbox-full", settings);

        Deliver(outbox, Notifications.Sample("a-1"));
        Deliver(outbox, Notifications.Sample("a-2"));
        Deliver(outbox, Notifications.Sample("a-3"));

        var reply = DeadLetters(outbox);
        var letter = Assert.Single(reply.DeadLetters);
        Assert.Equal("a-3.firing", letter.Notification.IdempotencyKey);
        Assert.Equal("the outbox is full: 2 deliveries waiting (Alerts:MaxPending)", letter.Reason);
        Assert.Equal(2, reply.PendingDeliveries);
        receiver.Release();
        AwaitAssert(() => Assert.Equal(2, receiver.Accepted.Count), Long, cancellationToken: Ct);
        Assert.Equal(["a-1.firing", "a-2.firing"], receiver.Accepted.Order());
    }

    [Fact]
    public async Task After_a_restart_a_pending_delivery_resumes_and_a_delivered_one_is_not_sent_again()
    {
        await using var up = await WebhookReceiver.StartAsync("whsec_test");
        await using var down = await WebhookReceiver.StartAsync("whsec_test");
        down.Status = 503;
        var settings = DeliveryTestSettings.With(
            DeliveryTestSettings.Webhook("up", up.Url), DeliveryTestSettings.Webhook("down", down.Url));
        var first = Start("outbox-restart", settings);

        Deliver(first, Notifications.Sample("a-1", channels: ["up"]));
        Deliver(first, Notifications.Sample("a-2", channels: ["down"]));
        AwaitAssert(() => Assert.Single(up.Accepted), Long, cancellationToken: Ct);
        AwaitAssert(() => Assert.Equal(1, _metrics.Count("down", DeliveryOutcome.Failed)), Long, cancellationToken: Ct);
        // a-1's success is persisted (the outbox answers queries only after its writes), a-2 still owed.
        AwaitAssert(() => Assert.Equal(1, DeadLetters(first).PendingDeliveries), Long, cancellationToken: Ct);
        StopAndAwait(first, PoisonPill.Instance);

        down.Status = 200;
        var second = Start("outbox-restart", settings);
        // Due at once after recovery: no clock move needed.
        AwaitAssert(() => Assert.Single(down.Accepted), Long, cancellationToken: Ct);
        AwaitAssert(() => Assert.Equal(0, DeadLetters(second).PendingDeliveries), Long, cancellationToken: Ct);
        // The alerts actor re-sends what it never saw accepted: both are known, neither is queued again.
        Deliver(second, Notifications.Sample("a-1", channels: ["up"]));
        Deliver(second, Notifications.Sample("a-2", channels: ["down"]));

        Assert.Equal(0, DeadLetters(second).PendingDeliveries);
        Assert.Equal(["a-1.firing"], up.Requests.Select(r => r.Key));
        Assert.Equal(["a-2.firing", "a-2.firing"], down.Requests.Select(r => r.Key));
    }

    [Fact]
    public async Task A_snapshot_trims_the_journal_and_recovery_from_it_keeps_pending_dead_letters_and_known_keys()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.Hold = true;
        var settings = DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url, maxConcurrent: 1)) with
        {
            MaxPending = 60,
            Timeout = TimeSpan.FromMinutes(5),
        };
        var first = Start("outbox-snapshot", settings);
        // 60 pending and 40 refused as the outbox is full: 140 events, so a snapshot at 100.
        for (var i = 0; i < 100; i++) Deliver(first, Notifications.Sample($"a-{i}"));
        AwaitAssert(() => Assert.NotNull(ReadSnapshot("outbox-snapshot")), Long, cancellationToken: Ct);
        StopAndAwait(first, PoisonPill.Instance);

        receiver.Release();
        var second = Start("outbox-snapshot", settings);
        AwaitAssert(() => Assert.Equal(60, receiver.Accepted.Distinct().Count()), Long, cancellationToken: Ct);
        Deliver(second, Notifications.Sample("a-99"));
        Deliver(second, Notifications.Sample("a-0"));

        AwaitAssert(() => Assert.Equal(0, DeadLetters(second).PendingDeliveries), Long, cancellationToken: Ct);
        var reply = DeadLetters(second);
        Assert.Equal(40, reply.DeadLettered);
        Assert.Equal(Enumerable.Range(60, 40).Reverse().Select(i => $"a-{i}.firing"), reply.DeadLetters.Select(d => d.Notification.IdempotencyKey));
        Assert.True(ReadJournal("outbox-snapshot").Count < 140);
    }

    private RedriveReply Redrive(IActorRef outbox, RedriveDeadLetters redrive)
    {
        outbox.Tell(redrive, TestActor);
        return ExpectMsg<RedriveReply>(Long, cancellationToken: Ct);
    }

    [Fact]
    public async Task A_redriven_dead_letter_is_persisted_then_sent_once_with_its_key_and_failing_again_is_dead_lettered_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.Status = 410;
        var settings = DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url)) with { RetryFor = TimeSpan.FromHours(1) };
        var outbox = Start("outbox-redrive", settings);
        Deliver(outbox, Notifications.Sample("a-1"));
        AwaitAssert(() => Assert.Single(DeadLetters(outbox).DeadLetters), Long, cancellationToken: Ct);
        var letter = DeadLetters(outbox).DeadLetters[0];

        Assert.Equal(RedriveStatus.NotFound, Redrive(outbox, new RedriveDeadLetters("000000000000", null, null, 1)).Status);
        receiver.Status = 200;
        var reply = Redrive(outbox, new RedriveDeadLetters(letter.Id, null, null, 1));

        Assert.Equal(RedriveStatus.Ok, reply.Status);
        Assert.Equal([new RedrivenDelivery("a-1.firing", "hook")], reply.Redriven);
        AwaitAssert(() => Assert.Single(receiver.Accepted), Long, cancellationToken: Ct);
        AwaitAssert(() => Assert.Equal(0, DeadLetters(outbox).PendingDeliveries), Long, cancellationToken: Ct);
        Assert.Empty(DeadLetters(outbox).DeadLetters);
        Assert.Equal(["a-1.firing", "a-1.firing"], receiver.Requests.Select(r => r.Key));
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        Assert.Equal(1, _metrics.Count("hook", DeliveryOutcome.Redriven));
        // Persisted before it was sent: the re-drive is in the journal between the dead letter and the success.
        var journal = ReadJournal("outbox-redrive").Select(e => e.Payload.GetType()).ToList();
        Assert.Equal([typeof(OutboxQueued), typeof(DeliveryDeadLettered), typeof(DeliveriesRedriven), typeof(DeliverySucceeded)], journal);

        // Once more, against a receiver that now fails for the whole (fresh) retry period.
        receiver.Status = 410;
        Deliver(outbox, Notifications.Sample("a-3"));
        AwaitAssert(() => Assert.Single(DeadLetters(outbox).DeadLetters), Long, cancellationToken: Ct);
        receiver.Status = 503;
        _clock.Advance(TimeSpan.FromMinutes(30));
        var third = DeadLetters(outbox).DeadLetters[0];
        var failed = _metrics.Count("hook", DeliveryOutcome.Failed);
        Assert.Equal(RedriveStatus.Ok, Redrive(outbox, new RedriveDeadLetters(third.Id, null, null, 1)).Status);
        AwaitAssert(() => Assert.Equal(failed + 1, _metrics.Count("hook", DeliveryOutcome.Failed)), Long, cancellationToken: Ct);
        // Its period runs from the re-drive: half an hour after it, still retrying; an hour after it, given up.
        // (An hour after the notification was first accepted: measured from there, it would be given up now.)
        _clock.Advance(TimeSpan.FromMinutes(30));
        AwaitAssert(() => Assert.Equal(failed + 2, _metrics.Count("hook", DeliveryOutcome.Failed)), Long, cancellationToken: Ct);
        Assert.Empty(DeadLetters(outbox).DeadLetters);
        _clock.Advance(TimeSpan.FromMinutes(31));
        AwaitAssert(() => Assert.Single(DeadLetters(outbox).DeadLetters), Long, cancellationToken: Ct);
        var again = DeadLetters(outbox).DeadLetters[0];
        Assert.Equal(third.Id, again.Id);
        Assert.StartsWith("gave up after", again.Reason);
        Assert.Contains("HTTP 503", again.Reason);
    }

    [Fact]
    public async Task A_bulk_redrive_takes_a_channels_oldest_letters_up_to_the_limit_and_says_how_many_are_left()
    {
        await using var good = await WebhookReceiver.StartAsync("whsec_test");
        await using var bad = await WebhookReceiver.StartAsync("whsec_test");
        bad.Status = 410;
        good.Status = 410;
        var settings = DeliveryTestSettings.With(DeliveryTestSettings.Webhook("good", good.Url), DeliveryTestSettings.Webhook("bad", bad.Url));
        var outbox = Start("outbox-redrive-bulk", settings);
        for (var i = 0; i < 3; i++) Deliver(outbox, Notifications.Sample($"a-{i}", channels: ["good", "bad"]));
        AwaitAssert(() => Assert.Equal(6, DeadLetters(outbox).DeadLetters.Count), Long, cancellationToken: Ct);
        good.Status = 200;

        var first = Redrive(outbox, new RedriveDeadLetters(null, "GOOD", null, 2));
        Assert.Equal((RedriveStatus.Ok, 1), (first.Status, first.Left));
        Assert.Equal(["a-0.firing", "a-1.firing"], first.Redriven.Select(d => d.IdempotencyKey));
        var rest = Redrive(outbox, new RedriveDeadLetters(null, "good", null, 1_000));
        Assert.Equal(["a-2.firing"], rest.Redriven.Select(d => d.IdempotencyKey));
        Assert.Equal(0, rest.Left);
        Assert.Equal(RedriveStatus.Refused, Redrive(outbox, new RedriveDeadLetters(null, null, null, 1_001)).Status);

        AwaitAssert(() => Assert.Equal(3, good.Accepted.Count), Long, cancellationToken: Ct);
        AwaitAssert(() => Assert.Equal(3, DeadLetters(outbox).DeadLetters.Count), Long, cancellationToken: Ct);
        Assert.All(DeadLetters(outbox).DeadLetters, d => Assert.Equal("bad", d.Channel));
        Assert.Equal(3, bad.Arrived);
    }

    [Fact]
    public async Task A_redrive_survives_a_restart_before_its_send()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.Status = 410;
        var settings = DeliveryTestSettings.With(DeliveryTestSettings.Webhook("hook", receiver.Url));
        var first = Start("outbox-redrive-restart", settings);
        Deliver(first, Notifications.Sample("a-1"));
        AwaitAssert(() => Assert.Single(DeadLetters(first).DeadLetters), Long, cancellationToken: Ct);
        // Held: the re-driven send starts but gets no answer before the outbox stops.
        receiver.Hold = true;
        Assert.Equal(RedriveStatus.Ok, Redrive(first, new RedriveDeadLetters(DeadLetters(first).DeadLetters[0].Id, null, null, 1)).Status);
        AwaitAssert(() => Assert.Equal(2, receiver.Arrived), Long, cancellationToken: Ct);
        StopAndAwait(first, PoisonPill.Instance);

        receiver.Status = 200;
        receiver.Release();
        var second = Start("outbox-redrive-restart", settings);
        AwaitAssert(() => Assert.Contains("a-1.firing", receiver.Accepted), Long, cancellationToken: Ct);
        AwaitAssert(() => Assert.Equal(0, DeadLetters(second).PendingDeliveries), Long, cancellationToken: Ct);
        Assert.Empty(DeadLetters(second).DeadLetters);
    }
}
