using System.Text;

namespace Holler.Host.Node;

/// <summary>
/// Holds what is written to a console stream while a node starts. Once it is up, the held text follows and writing
/// passes through; when start-up fails on a setting, the held text (libraries logging the failure with their stack
/// traces, Akka.Hosting printing its exception to standard output) is dropped, so the one line naming the setting is all
/// that shows.
/// </summary>
public sealed class StartupOutputGate(TextWriter target) : TextWriter
{
    private enum State { Holding, Open, Dropping }

    private readonly Lock _lock = new();
    private readonly StringBuilder _held = new();
    private State _state = State.Holding;

    /// <summary>The stream behind the gate, for the line that replaces what was dropped.</summary>
    public TextWriter Target => target;

    public override Encoding Encoding => target.Encoding;

    /// <summary>Writes what was held and lets everything after it through.</summary>
    public void Open()
    {
        lock (_lock)
        {
            target.Write(_held.ToString());
            _held.Clear();
            _state = State.Open;
        }
        target.Flush();
    }

    /// <summary>Forgets what was held and everything written later (libraries still logging their failed start).</summary>
    public void Drop()
    {
        lock (_lock)
        {
            _held.Clear();
            _state = State.Dropping;
        }
    }

    public override void Write(char value) => Pass(value.ToString());
    public override void Write(string? value) => Pass(value);
    public override void Write(char[] buffer, int index, int count) => Pass(new string(buffer, index, count));
    public override void WriteLine(string? value) => Pass(value + NewLine);

    public override void Flush()
    {
        lock (_lock)
            if (_state == State.Open) target.Flush();
    }

    private void Pass(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        lock (_lock)
        {
            switch (_state)
            {
                case State.Holding: _held.Append(text); break;
                case State.Open: target.Write(text); break;
            }
        }
    }
}
