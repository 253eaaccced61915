using Holler.Domain.Evaluation;

namespace Holler.Tests.Domain.Evaluation;

/// <summary>The one-week corpus of seed 1, generated once for all tests of a class.</summary>
public sealed class OneWeekCorpus
{
    public IReadOnlyList<LabelledSeries> Series { get; } = LabelledCorpus.Generate(1, new CorpusOptions(Weeks: 1)).ToList();

    public IEnumerable<LabelledSeries> In(string category) => Series.Where(s => s.Category == category);

    public LabelledSeries Named(string name) => Series.Single(s => s.Name == name);
}
