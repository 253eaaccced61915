namespace Holler.Alerts.Delivery;

/// <summary>What the outbox persists (journal events and snapshots); bound to Holler's serializer.</summary>
public interface IAlertDeliveryPersisted;

/// <summary>What may cross the network to and from the outbox (queries from the API or CLI on another node); bound to
/// Holler's serializer. <see cref="DeliverNotification"/> and <see cref="NotificationAccepted"/> are not in it: they
/// pass only between the alerts singleton and its child outbox, on one node.</summary>
public interface IAlertDeliveryProtocol;
