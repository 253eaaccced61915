namespace Holler.Domain.Fleet;

/// <summary>How many of the businesses surging now are in one state, and the highest severity among them.</summary>
public sealed record StateSurges(string State, int Count, double TopScore)
{
    /// <summary>Groups surging businesses (id and severity, as the leaderboard lists them) by the state
    /// <paramref name="stateOf"/> gives; businesses without a known US state are left out.</summary>
    public static IReadOnlyDictionary<string, StateSurges> Of(IEnumerable<(string BusinessId, double Score)> surging,
        Func<string, string?> stateOf)
    {
        var byState = new Dictionary<string, StateSurges>(StringComparer.Ordinal);
        foreach (var (id, score) in surging)
        {
            if (stateOf(id) is not { } state) continue;
            byState[state] = byState.TryGetValue(state, out var s)
                ? s with { Count = s.Count + 1, TopScore = Math.Max(s.TopScore, score) }
                : new StateSurges(state, 1, score);
        }
        return byState;
    }
}
