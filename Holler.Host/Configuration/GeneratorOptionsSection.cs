namespace Holler.Host.Configuration;

public sealed class GeneratorOptionsSection
{
    /// <summary>Runs the built-in traffic generator inside the node; defaults to on with the embedded broker.</summary>
    public bool? Enabled { get; set; }
    public double Rate { get; set; } = 4000;
    /// <summary>Zipf exponent of business popularity: higher concentrates traffic on fewer businesses.</summary>
    public double ZipfExponent { get; set; } = 1.2;
    /// <summary>Vary the rate over the day in US Central time, 0.5× at night to 1.4× mid-afternoon, weekends and US
    /// holidays at 0.75×; on by default so a dev node exercises the detector's rhythm. Off keeps it at Rate.</summary>
    public bool DailyRhythm { get; set; } = true;
    public int Seed { get; set; } = 42;
    public double SurgeEverySeconds { get; set; } = 45;
    public double FirstSurgeAfterSeconds { get; set; } = 75;
    public double SurgeDurationSeconds { get; set; } = 120;
    /// <summary>Start event time this many seconds in the past and replay that stretch fast (10×) until caught up with
    /// the clock: baselines warm and the first surges show within seconds of start (demos, browser tests). 0 = live only.</summary>
    public double BackfillSeconds { get; set; }
    /// <summary>Where the generator writes its injected surges' ground truth (JSON lines); empty for DataDir/truth.jsonl.</summary>
    public string TruthFile { get; set; } = "";
    /// <summary>Confine each injected surge's extra events to one platform, one page, or both (none, platform, path,
    /// platform-and-path), so the drill-down has drivers to name.</summary>
    public string SurgeFocus { get; set; } = "none";
    /// <summary>Share of responses that are 5xx in usual traffic.</summary>
    public double ErrorShare { get; set; } = 0.02;
    /// <summary>Seconds between error bursts (a busy business's 5xx share jumps to ErrorBurstShare); 0 for none.</summary>
    public double ErrorBurstEverySeconds { get; set; }
    public double FirstErrorBurstAfterSeconds { get; set; } = 300;
    public double ErrorBurstDurationSeconds { get; set; } = 180;
    public double ErrorBurstShare { get; set; } = 0.40;

    /// <summary>The focus as the generator takes it; null when <see cref="SurgeFocus"/> names none.</summary>
    public Holler.Generation.SurgeFocus? ParsedSurgeFocus =>
        Enum.TryParse<Holler.Generation.SurgeFocus>(SurgeFocus.Replace("-", ""), ignoreCase: true, out var focus) && Enum.IsDefined(focus) ? focus : null;

    public void Validate(List<string> errors)
    {
        if (!(Rate is > 0 and <= 10_000_000)) errors.Add($"Generator:Rate must be between 0 and 10000000 events/s, was {Rate}");
        if (!(ZipfExponent is >= 0 and <= 5)) errors.Add($"Generator:ZipfExponent must be between 0 and 5, was {ZipfExponent}");
        if (!(SurgeEverySeconds is > 0 and < 1e9)) errors.Add($"Generator:SurgeEverySeconds must be positive, was {SurgeEverySeconds}");
        if (!(SurgeDurationSeconds is > 0 and < 1e9)) errors.Add($"Generator:SurgeDurationSeconds must be positive, was {SurgeDurationSeconds}");
        if (!(BackfillSeconds is >= 0 and <= 86_400)) errors.Add($"Generator:BackfillSeconds must be between 0 and 86400, was {BackfillSeconds}");
        if (!(FirstSurgeAfterSeconds is >= 0 and < 1e9)) errors.Add($"Generator:FirstSurgeAfterSeconds must not be negative, was {FirstSurgeAfterSeconds}");
        if (ParsedSurgeFocus is null) errors.Add($"Generator:SurgeFocus must be none, platform, path or platform-and-path, was '{SurgeFocus}'");
        if (!(ErrorShare is >= 0 and <= 1)) errors.Add($"Generator:ErrorShare must be between 0 and 1, was {ErrorShare}");
        if (!(ErrorBurstEverySeconds is >= 0 and < 1e9)) errors.Add($"Generator:ErrorBurstEverySeconds must not be negative (0 for none), was {ErrorBurstEverySeconds}");
        if (!(FirstErrorBurstAfterSeconds is >= 0 and < 1e9)) errors.Add($"Generator:FirstErrorBurstAfterSeconds must not be negative, was {FirstErrorBurstAfterSeconds}");
        if (!(ErrorBurstDurationSeconds is > 0 and < 1e9)) errors.Add($"Generator:ErrorBurstDurationSeconds must be positive, was {ErrorBurstDurationSeconds}");
        if (!(ErrorBurstShare is >= 0 and <= 1)) errors.Add($"Generator:ErrorBurstShare must be between 0 and 1, was {ErrorBurstShare}");
    }
}
