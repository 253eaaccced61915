namespace Holler.Host.Configuration;

/// <summary>Levenshtein distance, ignoring case: how a misspelt setting finds the one it was meant to be.</summary>
public static class EditDistance
{
    public static int Between(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The candidate nearest to <paramref name="word"/>; the first of equals, in the candidates' order.</summary>
    public static string Nearest(string word, IEnumerable<string> candidates) =>
        candidates.MinBy(c => Between(word, c)) ?? throw new ArgumentException("no candidates", nameof(candidates));
}
