namespace Holler.Domain.Detection;

/// <summary>Which rhythms the expectation learns.</summary>
/// <remarks><see cref="Daily"/>: one shape by hour of day. <see cref="Weekly"/>: an hour-of-day shape for weekdays,
/// another for weekends and holidays, and a level per day of the week — how web traffic actually repeats.</remarks>
public enum SeasonMode { None, Daily, Weekly }
