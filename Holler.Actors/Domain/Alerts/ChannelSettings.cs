using System.Text;

namespace Holler.Domain.Alerts;

/// <summary>One configured channel (Alerts:Channels:NAME), resolved and checked.</summary>
/// <param name="Url">The webhook or Slack address; null for email.</param>
/// <param name="Secret">The webhook's signing secret; null for Slack and email.</param>
/// <param name="To">Email recipients; empty for the HTTP kinds.</param>
/// <param name="RatePerMinute">At most this many sends to the receiver per minute (a token bucket of that size).</param>
/// <param name="MaxConcurrent">At most this many sends to the receiver at once.</param>
public sealed record ChannelSettings(
    string Name,
    ChannelKind Kind,
    Uri? Url,
    SecretText? Secret,
    IReadOnlyList<string> To,
    int RatePerMinute,
    int MaxConcurrent)
{
    // A Slack address carries its token in the path: printed, a channel shows only where it points.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Kind = {Kind}, Host = {Url?.Host}, To = [{string.Join(", ", To)}], ")
            .Append($"RatePerMinute = {RatePerMinute}, MaxConcurrent = {MaxConcurrent}");
        return true;
    }
}
