using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;

namespace Holler.Web.Components.Drilldown;

/// <summary>Shared look of the drill-down charts: transparent backgrounds (the theme shows through), zoom by drag and
/// wheel, double-click to reset, and a fixed ui-revision so a zoom survives the once-a-second updates.</summary>
internal static class ChartStyle
{
    public const string Surge = "#dc2626";
    public const string Normal = "#0f766e";
    public const string Baseline = "#c2410c";
    public const string Band = "rgba(194, 65, 12, 0.15)";

    public static Config Config { get; } = new()
    {
        Responsive = true,
        DisplayLogo = false,
        ScrollZoom = Plotly.Blazor.ConfigLib.ScrollZoomFlag.Cartesian,
    };

    /// <summary>The plot's layout. Its title is not drawn by Plotly but above the plot (<c>holler-chart-title</c>): at
    /// phone width Plotly's toolbar, top right of the plot, covered a title drawn inside. The legend goes below the plot
    /// for the same reason.</summary>
    public static Plotly.Blazor.Layout Layout(string yTitle) => new()
    {
        Margin = new Margin { L = 56, R = 16, T = 28, B = 40 },
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Font = new Font { Color = "#888" },
        HoverMode = HoverModeEnum.XUnified,
        ShowLegend = true,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.15m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Top, X = 0m, XAnchor = Plotly.Blazor.LayoutLib.LegendLib.XAnchorEnum.Left }],
        XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, ShowSpikes = true }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero, SeparateThousands = true }],
        UiRevision = "keep-zoom",
    };
}

/// <summary>What a chart last drew, so it redraws only when the tracker's answer changed.</summary>
internal readonly record struct BusinessSeriesKey(string? BusinessId, long HeadSecond, long Count);
