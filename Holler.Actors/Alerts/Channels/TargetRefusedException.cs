namespace Holler.Alerts.Channels;

/// <summary>A connection was not opened because the target is not allowed (<see cref="Holler.Domain.Alerts.TargetPolicy"/>).</summary>
public sealed class TargetRefusedException(string reason) : Exception(reason);
