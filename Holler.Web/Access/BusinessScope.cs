using System.Security.Claims;
using Holler.Domain.Surges;
using Holler.Leaderboard;
using Holler.Web.Feed;

namespace Holler.Web.Access;

/// <summary>
/// Which businesses a user may see: all of them, or (the business role) only those listed for them. Applied where the
/// data enters a page — the feed each page subscribes to, the search, the drill-down's tracker asks — so a business
/// user's circuit never holds another business's figures, whatever the markup does.
/// </summary>
public sealed class BusinessScope
{
    private readonly IReadOnlySet<string>? _only;

    private BusinessScope(IReadOnlySet<string>? only) => _only = only;

    public static BusinessScope Everything { get; } = new(null);

    /// <summary>Nothing at all: a user with no role Holler knows.</summary>
    public static BusinessScope Nothing { get; } = new(new HashSet<string>());

    public static BusinessScope Of(ClaimsPrincipal user)
    {
        if (user.HasClaim(HollerClaims.Role, HollerRoles.Viewer)) return Everything;
        if (!user.HasClaim(HollerClaims.Role, HollerRoles.Business)) return Nothing;
        return new BusinessScope(user.FindAll(HollerClaims.Business).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    public bool IsEverything => _only is null;

    /// <summary>The businesses listed for a business user; null for everything.</summary>
    public IReadOnlySet<string>? Only => _only;

    public bool Allows(string businessId) => _only is null || _only.Contains(businessId);

    /// <summary>The snapshot as this user may see it: leaderboard, map and history of their businesses only.</summary>
    public DashboardState Filter(DashboardState state)
    {
        if (_only is null) return state;
        LeaderboardUpdated? leaderboard = null;
        if (state.Leaderboard is { } board)
        {
            var top = board.Top.Where(e => Allows(e.BusinessId)).ToList();
            leaderboard = board with { Top = top, Surging = top.Count };
        }
        return state with { Leaderboard = leaderboard, History = state.History.Where(r => Allows(r.BusinessId)).ToList() };
    }
}
