namespace Holler.Host.Operator.Api;

/// <summary><c>GET /api/cluster</c>: the cluster as the asked node sees it (pbm's <c>cluster show</c>).</summary>
/// <param name="Self">Cluster address of the node that answered.</param>
/// <param name="Leader">Address of the current leader; null while there is none.</param>
/// <param name="Unreachable">Addresses some member cannot reach now.</param>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<MemberView> Members, IReadOnlyList<string> Unreachable);

/// <param name="Status">joining, weakly-up, up, leaving, exiting, down, removed (lower case).</param>
/// <param name="Reachability">reachable or unreachable.</param>
/// <param name="Version">The member's application version.</param>
public sealed record MemberView(string Address, IReadOnlyList<string> Roles, string Status, string Reachability, string Version,
    bool Leader, bool Self);

/// <summary>One line of <c>GET /api/cluster/events</c> (NDJSON): a membership or reachability change.</summary>
/// <param name="Event">member-joined, member-up, member-weakly-up, member-left, member-exited, member-downed,
/// member-removed, unreachable-member, reachable-member, leader-changed.</param>
/// <param name="Address">The member concerned (the new leader for leader-changed; empty when there is none).</param>
public sealed record ClusterEventView(DateTimeOffset At, string Event, string Address, IReadOnlyList<string> Roles, string Status);

/// <summary>Body of <c>POST /api/cluster/leave</c> and <c>/down</c>.</summary>
/// <param name="Address">akka.tcp://holler@host:port, or host:port for short.</param>
public sealed record MemberRequest(string Address);

/// <summary>Answer to leave / down: what was asked of which member, and its status when asked.</summary>
public sealed record MemberActionView(string Action, string Address, string Status);

/// <summary>Answer to <c>POST /api/cluster/down-unreachable</c>: the unreachable members this request downed, and those
/// already marked down (by an operator or the split-brain resolver) that the cluster is still removing.</summary>
public sealed record DownUnreachableView(IReadOnlyList<string> Downed, IReadOnlyList<string> AlreadyDown);
