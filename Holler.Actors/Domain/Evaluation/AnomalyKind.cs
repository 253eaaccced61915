namespace Holler.Domain.Evaluation;

/// <summary>Which way a labelled anomaly moves the series.</summary>
public enum AnomalyKind
{
    Surge,
    Drop,
}
