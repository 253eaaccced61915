using System.Globalization;
using System.Text.Json;
using Holler.Domain.Evaluation;

namespace Holler.Host.Commands.Evaluate;

/// <summary>
/// Writes the corpus as <c>holler detect</c> reads it: <c>DIR/&lt;category&gt;/&lt;name&gt;.csv</c> (timestamp,value)
/// and <c>DIR/labels.json</c> with every series' windows, timestamps spelled as in its file.
/// </summary>
public sealed class CorpusFiles(string directory, int seed, int weeks)
{
    private readonly List<object> _labels = [];

    public void Write(LabelledSeries series)
    {
        var c = CultureInfo.InvariantCulture;
        var relative = Path.Combine(series.Category, series.Name + ".csv");
        var path = Path.Combine(directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var writer = new StreamWriter(path))
        {
            writer.WriteLine("timestamp,value");
            foreach (var row in series.Rows)
            {
                writer.Write(row.TimestampText);
                writer.Write(',');
                writer.WriteLine(row.Value.ToString(c));
            }
        }
        var utc = series.Rows.Count == 0 || series.Rows[0].TimestampText.EndsWith('Z');
        string Stamp(DateTimeOffset at) => at.ToString(utc ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd HH:mm:ss", c);
        _labels.Add(new
        {
            category = series.Category,
            name = series.Name,
            file = relative.Replace('\\', '/'),
            intervalMinutes = series.Interval.TotalMinutes,
            kind = series.Kind.ToString().ToLowerInvariant(),
            rows = series.Rows.Count,
            anomalies = series.Anomalies.Select(a => new
            {
                start = Stamp(a.Start),
                end = Stamp(a.End),
                anomalyEnd = Stamp(a.AnomalyEnd),
                kind = a.Kind.ToString().ToLowerInvariant(),
                shape = a.Shape,
            }).ToList(),
        });
    }

    public void WriteLabels()
    {
        Directory.CreateDirectory(directory);
        var labels = new
        {
            seed,
            weeks,
            probationHours = ScoringProfile.Standard.Probation.TotalHours,
            window = EvaluationReport.WindowRule,
            series = _labels,
        };
        File.WriteAllText(Path.Combine(directory, "labels.json"), JsonSerializer.Serialize(labels, new JsonSerializerOptions { WriteIndented = true }));
    }
}
