using Spectre.Console;

namespace Holler.Host.Commands.Bench;

/// <summary>One scenario's line in the progress display: how far along, and what it measures right now.</summary>
public interface IBenchStep
{
    void Report(double percent, string detail);
}

/// <summary>The progress display of a bench run (Spectre.Console on standard error; plain lines when redirected).</summary>
public sealed class BenchProgress(ProgressContext? context, TextWriter plain)
{
    private readonly object _gate = new();

    public IBenchStep Step(string name)
    {
        if (context is not null) return new SpectreStep(context.AddTask(Markup.Escape(name), maxValue: 100), name, _gate);
        return new PlainStep(name, plain, _gate);
    }

    private sealed class SpectreStep(ProgressTask task, string name, object gate) : IBenchStep
    {
        public void Report(double percent, string detail)
        {
            lock (gate)
            {
                task.Value = Math.Clamp(percent, 0, 100);
                task.Description = Markup.Escape($"{name}: {detail}");
            }
        }
    }

    private sealed class PlainStep(string name, TextWriter writer, object gate) : IBenchStep
    {
        private DateTime _last = DateTime.MinValue;

        public void Report(double percent, string detail)
        {
            lock (gate)
            {
                // Redirected output gets a line every few seconds, not a redraw every few hundred milliseconds.
                if (percent < 100 && DateTime.UtcNow - _last < TimeSpan.FromSeconds(5)) return;
                _last = DateTime.UtcNow;
                writer.WriteLine($"[{percent,3:0}%] {name}: {detail}");
            }
        }
    }
}
