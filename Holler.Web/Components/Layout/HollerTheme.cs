using MudBlazor;

namespace Holler.Web.Components.Layout;

/// <summary>The dashboard's colours: a warm "surge" accent on neutral surfaces, in light and dark.</summary>
public static class HollerTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#c2410c",
            Secondary = "#0f766e",
            AppbarBackground = "#1f2937",
            AppbarText = "#f9fafb",
            Background = "#f5f5f4",
            BackgroundGray = "#e7e5e4",
            Surface = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#fb923c",
            Secondary = "#2dd4bf",
            AppbarBackground = "#111827",
            Background = "#18181b",
            BackgroundGray = "#3f3f46",
            Surface = "#27272a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
