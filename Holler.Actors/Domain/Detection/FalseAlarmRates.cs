namespace Holler.Domain.Detection;

/// <summary>
/// The false-alarm rates docs/detection.md documents for the live detector at its defaults (surges watched,
/// <c>Detector:EnterSeverity</c> 7), in false surges per 100 business-weeks, over businesses from 1 to 1,000 events
/// a minute in the generator's rhythm. The one place they are written: the docs quote these, and tests that bound
/// false alarms compute their bound from them.
/// </summary>
public static class FalseAlarmRates
{
    /// <summary>Steady state, after each business's first day: measured 0.03 (1 in 4,000 business-weeks,
    /// <c>holler evaluate --live 1000 --weeks 4</c>; 0.18 in an earlier, differently drawn run); documented as at most this.</summary>
    public const double SteadySurgesPer100BusinessWeeks = 1;

    /// <summary>The first <see cref="ColdStartMinutes"/> after a node starts cold, learning every business and rhythm
    /// from nothing: measured 8.97 (267 in 2,976 business-weeks, <c>holler evaluate --cold-start 1000000</c>, starts
    /// at every hour of a week), nearly all in the two minutes after a business's warm-up, when its level is one
    /// window's count.</summary>
    public const double ColdStartSurgesPer100BusinessWeeks = 9;

    /// <summary>How long after a cold start <see cref="ColdStartSurgesPer100BusinessWeeks"/> covers.</summary>
    public const int ColdStartMinutes = 30;
}
