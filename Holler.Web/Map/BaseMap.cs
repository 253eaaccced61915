using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Holler.Web.Map;

/// <summary>
/// The offline base map: shipped outlines (see tools/basemap) projected once into SVG path data for a fixed frame
/// around the US and southern Canada. Markers use <see cref="ToScreen"/> to land on the same frame.
/// </summary>
public sealed class BaseMap
{
    public const double Width = 960;

    // The frame: every metro of the synthetic catalog (Miami 25.8°N … Calgary 51°N, Vancouver 123°W … Montreal 73.6°W)
    // with a margin.
    private const double West = -126, East = -64, South = 23.5, North = 53;

    private readonly AlbersProjection _projection = new();
    private readonly double _minX, _minY, _scale;

    private BaseMap(IReadOnlyList<Shape> shapes)
    {
        var corners = new List<(double X, double Y)>();
        for (var lon = West; lon <= East; lon += 1)
        {
            corners.Add(_projection.Project(lon, South));
            corners.Add(_projection.Project(lon, North));
        }
        _minX = corners.Min(p => p.X);
        var maxX = corners.Max(p => p.X);
        _minY = corners.Min(p => p.Y);
        var maxY = corners.Max(p => p.Y);
        _scale = Width / (maxX - _minX);
        Height = Math.Round((maxY - _minY) * _scale);
        Paths = shapes.Select(s => new ShapePath(s.Id, s.Name, s.Kind, PathData(s.Rings))).ToArray();
    }

    public static BaseMap Default { get; } = Load();

    public double Height { get; }

    /// <summary>One SVG path per state or country.</summary>
    public IReadOnlyList<ShapePath> Paths { get; }

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {Height}");

    public (double X, double Y) ToScreen(double longitude, double latitude)
    {
        var (x, y) = _projection.Project(longitude, latitude);
        return ((x - _minX) * _scale, (y - _minY) * _scale);
    }

    public bool IsInFrame(double longitude, double latitude) =>
        longitude is >= West and <= East && latitude is >= South and <= North;

    private string PathData(IReadOnlyList<double[]> rings)
    {
        var text = new StringBuilder();
        foreach (var ring in rings)
        {
            for (var i = 0; i + 1 < ring.Length; i += 2)
            {
                var (x, y) = ToScreen(ring[i], ring[i + 1]);
                text.Append(i == 0 ? 'M' : 'L');
                text.Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',')
                    .Append(y.ToString("0.#", CultureInfo.InvariantCulture));
            }
            text.Append('Z');
        }
        return text.ToString();
    }

    private static BaseMap Load()
    {
        using var stream = typeof(BaseMap).Assembly.GetManifestResourceStream("Holler.Web.basemap.json")
            ?? throw new InvalidOperationException("the base map resource is missing from Holler.Web");
        using var doc = JsonDocument.Parse(stream);
        var shapes = new List<Shape>();
        foreach (var s in doc.RootElement.GetProperty("shapes").EnumerateArray())
        {
            var rings = s.GetProperty("rings").EnumerateArray()
                .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            shapes.Add(new Shape(s.GetProperty("id").GetString()!, s.GetProperty("name").GetString()!, s.GetProperty("kind").GetString()!, rings));
        }
        return new BaseMap(shapes);
    }

    private sealed record Shape(string Id, string Name, string Kind, IReadOnlyList<double[]> Rings);
}

public sealed record ShapePath(string Id, string Name, string Kind, string Data);
