namespace Holler.Domain.Evaluation;

/// <summary>The detectors <c>holler evaluate</c> knows by name; adding one is adding a line to <see cref="All"/>.</summary>
public static class DetectorRegistry
{
    public static IReadOnlyList<EvaluatedDetector> All { get; } =
    [
        SeasonalDetector.V2,
        ReferenceDetectors.V1,
        ReferenceDetectors.ZScore100,
    ];

    public static EvaluatedDetector? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
