namespace Holler.Domain.Evaluation;

/// <summary>A corpus series not generated yet: the corpus is built one series at a time so it never sits in memory whole.</summary>
public sealed record CorpusEntry(string Name, string Category, Func<LabelledSeries> Build);
