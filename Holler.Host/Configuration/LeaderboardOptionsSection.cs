using Holler.Leaderboard;

namespace Holler.Host.Configuration;

public sealed class LeaderboardOptionsSection
{
    public int Size { get; set; } = 10;
    /// <summary>Print the leaderboard to the console when it changes.</summary>
    public bool Console { get; set; } = true;

    public LeaderboardSettings Resolve(List<string> errors)
    {
        var leaderboard = new LeaderboardSettings(Size);
        errors.AddRange(leaderboard.Validate());
        return leaderboard;
    }
}
