namespace Holler.Generation;

/// <summary>An injected error burst: for [StartMs, EndMs) this business's 5xx share is <see cref="ErrorShare"/>
/// instead of the plan's usual <see cref="GeneratorSettings.ErrorShare"/>; its traffic volume does not change.</summary>
public sealed record PlannedErrorBurst(int Number, int BusinessIndex, int Rank, long StartMs, long EndMs, double ErrorShare);
