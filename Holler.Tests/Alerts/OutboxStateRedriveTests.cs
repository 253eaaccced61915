using Holler.Alerts.Delivery;
using Holler.Domain.Alerts;
using Holler.Tests.Support;

namespace Holler.Tests.Alerts;

/// <summary>The outbox's durable state across re-drives: what a <see cref="DeliveriesRedriven"/> does to the dead-letter
/// list, the pending deliveries and their retry periods, and that a snapshot keeps it.</summary>
public sealed class OutboxStateRedriveTests
{
    private static OutboxState State() => new(maxDeadLetters: 1_000, rememberDone: 10_000);

    private static DeadLetter Letter(Notification n, string channel, long atMs = 2_000) => new(n, channel, "HTTP 410", 1, 1_000, atMs);

    [Fact]
    public void A_redriven_letter_of_a_finished_notification_leaves_the_list_and_is_pending_again_with_its_own_retry_period()
    {
        var state = State();
        var n = Notifications.Sample("a-1");
        state.Apply(new OutboxQueued(n, 1_000));
        var letter = Letter(n, "hook");
        state.Apply(new DeliveryDeadLettered(letter));
        Assert.Equal(0, state.PendingDeliveries);
        Assert.True(state.Knows("a-1.firing"));

        state.Apply(new DeliveriesRedriven([new RedrivenDelivery("a-1.firing", "hook")], 50_000));

        Assert.Empty(state.NewestDeadLetters(10));
        Assert.Null(state.DeadLetter(letter.Id));
        Assert.Equal(1, state.PendingDeliveries);
        var pending = state.Find("a-1.firing")!;
        Assert.Same(n, pending.Notification);
        Assert.Equal(["hook"], pending.Channels);
        Assert.Equal(50_000, state.RetryFrom(pending, "hook"));
        // Still known: a repeat of the key from the alerts actor is not queued a second time.
        Assert.True(state.Knows("a-1.firing"));
        Assert.Equal(1, state.DeadLettered);
    }

    [Fact]
    public void A_redrive_beside_a_channel_still_retrying_gives_only_the_redriven_one_a_fresh_period()
    {
        var state = State();
        var n = Notifications.Sample("a-1", channels: ["hook", "mail"]);
        state.Apply(new OutboxQueued(n, 1_000));
        state.Apply(new DeliveryDeadLettered(Letter(n, "hook")));

        state.Apply(new DeliveriesRedriven([new RedrivenDelivery("a-1.firing", "hook")], 70_000));

        var pending = state.Find("a-1.firing")!;
        Assert.Equal(["mail", "hook"], pending.Channels);
        Assert.Equal(1_000, state.RetryFrom(pending, "mail"));
        Assert.Equal(70_000, state.RetryFrom(pending, "hook"));
        Assert.Equal(2, state.PendingDeliveries);
    }

    [Fact]
    public void Failing_again_dead_letters_it_again_once_under_the_same_id_with_the_new_reason()
    {
        var state = State();
        var n = Notifications.Sample("a-1");
        state.Apply(new OutboxQueued(n, 1_000));
        var first = Letter(n, "hook");
        state.Apply(new DeliveryDeadLettered(first));
        state.Apply(new DeliveriesRedriven([new RedrivenDelivery("a-1.firing", "hook")], 50_000));

        state.Apply(new DeliveryDeadLettered(new DeadLetter(n, "hook", "HTTP 503", 4, 50_000, 90_000)));

        var again = Assert.Single(state.NewestDeadLetters(10));
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(("HTTP 503", 4, 50_000L), (again.Reason, again.Attempts, again.AcceptedAtMs));
        Assert.Equal(0, state.PendingDeliveries);
        Assert.Equal(2, state.DeadLettered);
    }

    [Fact]
    public void A_redrive_naming_a_letter_no_longer_kept_changes_nothing_for_it()
    {
        var state = new OutboxState(maxDeadLetters: 1, rememberDone: 100);
        var (a, b) = (Notifications.Sample("a-1"), Notifications.Sample("a-2"));
        state.Apply(new OutboxQueued(a, 1_000));
        state.Apply(new OutboxQueued(b, 1_000));
        state.Apply(new DeliveryDeadLettered(Letter(a, "hook")));
        state.Apply(new DeliveryDeadLettered(Letter(b, "hook")));

        state.Apply(new DeliveriesRedriven([new RedrivenDelivery("a-1.firing", "hook"), new RedrivenDelivery("a-2.firing", "hook")], 9_000));

        Assert.Null(state.Find("a-1.firing"));
        Assert.NotNull(state.Find("a-2.firing"));
        Assert.Equal(1, state.PendingDeliveries);
    }

    [Fact]
    public void Match_takes_the_oldest_first_by_channel_and_rule_up_to_the_limit_and_counts_them_all()
    {
        var state = State();
        for (var i = 0; i < 5; i++)
        {
            var n = Notifications.Sample($"a-{i}", channels: ["hook", "mail"]);
            state.Apply(new OutboxQueued(n, 1_000));
            state.Apply(new DeliveryDeadLettered(Letter(n, "hook")));
            state.Apply(new DeliveryDeadLettered(Letter(n, "mail")));
        }

        var (taken, matching) = state.Match("HOOK", "rule-1", 2);

        Assert.Equal(5, matching);
        Assert.Equal(["a-0.firing", "a-1.firing"], taken.Select(d => d.Notification.IdempotencyKey));
        Assert.All(taken, d => Assert.Equal("hook", d.Channel));
        Assert.Equal(0, state.Match(null, "another-rule", 10).Matching);
        Assert.Equal(10, state.Match(null, null, 1_000).Matching);
    }

    [Fact]
    public void A_snapshot_keeps_the_retry_periods_of_redriven_deliveries()
    {
        var state = State();
        var n = Notifications.Sample("a-1", channels: ["hook", "mail"]);
        state.Apply(new OutboxQueued(n, 1_000));
        state.Apply(new DeliveryDeadLettered(Letter(n, "hook")));
        state.Apply(new DeliveriesRedriven([new RedrivenDelivery("a-1.firing", "hook")], 70_000));

        var restored = State();
        restored.Apply(state.ToSnapshot());

        var pending = restored.Find("a-1.firing")!;
        Assert.Equal(70_000, restored.RetryFrom(pending, "hook"));
        Assert.Equal(1_000, restored.RetryFrom(pending, "mail"));
        Assert.Equal(2, restored.PendingDeliveries);
        // Once delivered, its period is forgotten with it.
        restored.Apply(new DeliverySucceeded("a-1.firing", "hook", 1, 71_000));
        Assert.Empty(restored.ToSnapshot().Redriven!);
    }

    [Fact]
    public void A_dead_letters_id_is_stable_short_and_differs_by_channel()
    {
        var n = Notifications.Sample("a-1");
        var id = Letter(n, "hook").Id;

        Assert.Equal(id, DeadLetter.IdOf("a-1.firing", "hook"));
        Assert.Equal(12, id.Length);
        Assert.Matches("^[0-9a-f]{12}$", id);
        Assert.NotEqual(id, Letter(n, "mail").Id);
        Assert.Equal(id, new RedrivenDelivery("a-1.firing", "hook").Id);
    }
}
