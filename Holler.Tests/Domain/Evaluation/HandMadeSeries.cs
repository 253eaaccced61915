using Holler.Domain.Evaluation;
using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Evaluation;

/// <summary>1,000 one-minute rows of 10 with two labelled windows: rows 100–244 (a surge) and 500–644 (a drop).</summary>
internal static class HandMadeSeries
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const int Rows = 1000;
    public const int FirstWindow = 100;
    public const int SecondWindow = 500;

    /// <summary>The standard weights without probation, so row 0 is scored.</summary>
    public static ScoringProfile Profile { get; } = ScoringProfile.Standard with { Probation = TimeSpan.Zero };

    public static DateTimeOffset At(int row) => Start.AddMinutes(row);

    public static LabelledSeries Create(IReadOnlyList<AnomalyWindow>? windows = null, string category = "hand")
    {
        var rows = Enumerable.Range(0, Rows).Select(i => new SeriesRow(i + 2, At(i).ToString("O"), At(i), 10)).ToList();
        windows ??=
        [
            new AnomalyWindow(At(FirstWindow), At(FirstWindow) + AnomalyWindow.MinimumLength, AnomalyKind.Surge, At(FirstWindow + 10), "test surge"),
            new AnomalyWindow(At(SecondWindow), At(SecondWindow) + AnomalyWindow.MinimumLength, AnomalyKind.Drop, At(SecondWindow + 10), "test drop"),
        ];
        return new LabelledSeries("hand-made", category, TimeSpan.FromMinutes(1), SeriesKind.Count, rows, windows);
    }

    public static double[] Flags(params int[] rows)
    {
        var scores = new double[Rows];
        foreach (var row in rows) scores[row] = 1;
        return scores;
    }
}
