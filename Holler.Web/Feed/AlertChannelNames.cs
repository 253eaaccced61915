namespace Holler.Web.Feed;

/// <summary>The alert channels configured on this node (Alerts:Channels:NAME), which the rule editor offers. The alerts
/// singleton checks a rule's channels against its own node's settings; nodes share one settings file in practice.</summary>
public sealed record AlertChannelNames(IReadOnlyList<string> Names);
