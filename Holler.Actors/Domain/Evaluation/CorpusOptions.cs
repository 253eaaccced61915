namespace Holler.Domain.Evaluation;

/// <summary>How much corpus to generate.</summary>
/// <param name="Weeks">Length of every series; the number of anomalies per series grows with it.</param>
public sealed record CorpusOptions(int Weeks = 3)
{
    public const int MaxWeeks = 8;

    public static CorpusOptions Default { get; } = new();

    public IEnumerable<string> Validate()
    {
        if (Weeks is < 1 or > MaxWeeks) yield return $"--weeks must be between 1 and {MaxWeeks}, was {Weeks}";
    }
}
