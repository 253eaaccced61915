using System.Collections;

namespace Holler.Domain.Evaluation;

/// <summary>Scores of a series a detector could read only part of: rows from the bad one on score 0.</summary>
/// <param name="Reason">Why the detector stopped, e.g. its FormatException's message.</param>
public sealed class IncompleteScores(IReadOnlyList<double> scores, string reason) : IReadOnlyList<double>
{
    public string Reason { get; } = reason;

    public double this[int index] => scores[index];

    public int Count => scores.Count;

    public IEnumerator<double> GetEnumerator() => scores.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
