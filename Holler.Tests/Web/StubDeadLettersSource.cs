using Holler.Alerts.Delivery;
using Holler.Web.Feed;

namespace Holler.Tests.Web;

/// <summary>The outbox's dead letters as the dead-letters page sees them, and the re-drives it sends.</summary>
internal sealed class StubDeadLettersSource : IDeadLettersSource
{
    private readonly List<RedriveDeadLetters> _sent = [];

    public IReadOnlyList<DeadLetter> Letters { get; set; } = [];
    public IReadOnlyList<RedriveDeadLetters> Sent => _sent;

    public Task<DeadLettersReply?> GetAsync(int limit, CancellationToken token) =>
        Task.FromResult<DeadLettersReply?>(new DeadLettersReply(Letters.Take(limit).ToList(), Letters.Count, 0));

    public Task<RedriveReply?> RedriveAsync(RedriveDeadLetters redrive, CancellationToken token)
    {
        _sent.Add(redrive);
        var taken = Letters.Where(d => redrive.Id is null ? (redrive.Channel is null || d.Channel == redrive.Channel) && (redrive.RuleId is null || d.Notification.RuleId == redrive.RuleId)
            : d.Id == redrive.Id).ToList();
        Letters = Letters.Except(taken).ToList();
        return Task.FromResult<RedriveReply?>(new RedriveReply(RedriveStatus.Ok, null,
            taken.Select(d => new RedrivenDelivery(d.Notification.IdempotencyKey, d.Channel)).ToList(), 0));
    }
}
