using Holler.Domain.Alerts;

namespace Holler.Tests.Support;

/// <summary>Sample alert notifications for delivery tests.</summary>
public static class Notifications
{
    public static AlertedBusiness Business(string id = "biz-1", string name = "Joe's <Pizza> & Co") =>
        new(id, name, "Pizza", "Austin", false, 7.125, 8.25, 340, 41.2, 1_750_000_000_000, $"https://holler.example/business/{id}");

    public static Notification Sample(string alertId = "a-1", AlertTransition transition = AlertTransition.Firing,
        params string[] channels) =>
        new(alertId, transition, "rule-1", "Surges everywhere", [Business()], 0, 1_750_000_060_000,
            channels.Length == 0 ? ["hook"] : channels);
}
