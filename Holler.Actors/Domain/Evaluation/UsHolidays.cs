namespace Holler.Domain.Evaluation;

/// <summary>US public holidays the corpus uses: days that look like a Sunday on a weekday.</summary>
public static class UsHolidays
{
    public static readonly DateOnly MemorialDay2024 = new(2024, 5, 27);
    public static readonly DateOnly IndependenceDay2024 = new(2024, 7, 4);
    public static readonly DateOnly Thanksgiving2024 = new(2024, 11, 28);
    public static readonly DateOnly Christmas2024 = new(2024, 12, 25);

    public static IReadOnlySet<DateOnly> All { get; } = new HashSet<DateOnly> { MemorialDay2024, IndependenceDay2024, Thanksgiving2024, Christmas2024 };
}
