namespace Holler.Host.Operator.Api;

/// <summary><c>GET /api/sharding/regions</c>: the shard types this node knows and what it holds of each.</summary>
public sealed record RegionsView(string Node, IReadOnlyList<RegionView> Regions);

/// <param name="Kind">region (this node hosts entities of the type) or proxy (it only forwards to other nodes).</param>
/// <param name="Shards">Shards hosted on this node; null for a proxy.</param>
/// <param name="Entities">Entities alive on this node; null for a proxy.</param>
public sealed record RegionView(string TypeName, string Kind, int? Shards, int? Entities);

/// <summary><c>GET /api/sharding/{type}/region-stats</c>: shards and entities per member, cluster-wide.</summary>
/// <param name="Members">The members that answered; the totals are theirs.</param>
/// <param name="Failed">Shards that did not answer their region in time (busy recovering, for instance).</param>
/// <param name="Unanswered">Members with the tracker role that did not answer in time: their shards are missing from
/// the totals (crashed or unreachable, usually).</param>
public sealed record RegionStatsView(string TypeName, IReadOnlyList<MemberShardsView> Members, int Shards, int Entities,
    IReadOnlyList<string> Failed, IReadOnlyList<string> Unanswered);

public sealed record MemberShardsView(string Address, int Shards, int Entities);

/// <summary><c>GET /api/sharding/{type}/shard-stats</c>: the shards of the asked node's own region and their entities.</summary>
public sealed record ShardStatsView(string TypeName, string Node, IReadOnlyList<ShardView> Shards, int Entities);

public sealed record ShardView(string ShardId, int Entities);
