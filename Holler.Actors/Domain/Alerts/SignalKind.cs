namespace Holler.Domain.Alerts;

/// <summary>What a tracker's report on a business is about; each rule reads only the kind its condition is about.</summary>
public enum SignalKind
{
    /// <summary>A detector episode: a surge or a drop against the seasonal expectation.</summary>
    Episode,
    /// <summary>The business's events in the last few seconds reached an absolute count a rate rule watches.</summary>
    Rate,
    /// <summary>The business's 5xx share of its window, scored against its own usual share.</summary>
    ErrorShare,
}
