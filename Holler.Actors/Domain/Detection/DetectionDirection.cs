namespace Holler.Domain.Detection;

/// <summary>Which deviations count: traffic well above what was expected, well below it, or either.</summary>
public enum DetectionDirection { Surge, Drop, Both }
