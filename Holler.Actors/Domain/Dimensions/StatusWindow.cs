namespace Holler.Domain.Dimensions;

/// <summary>
/// Responses with a status and 5xx responses over the last 60 seconds of a business's event time, per second: the
/// error share "of the window" an error surge is judged on. A decayed average (as <see cref="DimensionBreakdown"/>
/// keeps for its shares) would still remember a burst minutes after it ended — 40% decays below 5% only after about
/// 150 s — so an error surge would outlast its errors by that much; the window forgets it in 60 s. 480 bytes, kept
/// only by businesses that keep a breakdown.
/// </summary>
public sealed class StatusWindow
{
    public const int Seconds = 60;

    private readonly int[] _errors = new int[Seconds];
    private readonly int[] _known = new int[Seconds];
    private long _head = long.MinValue;

    /// <summary>5xx responses in the window.</summary>
    public int Errors { get; private set; }

    /// <summary>Responses with a status (1xx–5xx) in the window.</summary>
    public int Known { get; private set; }

    public double Share => Known > 0 ? (double)Errors / Known : 0;

    /// <summary>Counts one event of <paramref name="second"/>; one older than the window is ignored, and one without a
    /// status only moves the window.</summary>
    public void Add(long second, StatusClass status)
    {
        Advance(second);
        if (status == StatusClass.Unknown || second <= _head - Seconds) return;
        var slot = Slot(second);
        _known[slot]++;
        Known++;
        if (status != StatusClass.ServerError) return;
        _errors[slot]++;
        Errors++;
    }

    /// <summary>Moves the window's end to <paramref name="second"/>, forgetting what falls out of it.</summary>
    public void Advance(long second)
    {
        if (_head == long.MinValue)
        {
            _head = second;
            return;
        }
        if (second <= _head) return;
        if (second - _head >= Seconds)
        {
            Array.Clear(_errors);
            Array.Clear(_known);
            Errors = Known = 0;
        }
        else
        {
            for (var s = _head + 1; s <= second; s++)
            {
                var slot = Slot(s);
                Errors -= _errors[slot];
                Known -= _known[slot];
                _errors[slot] = _known[slot] = 0;
            }
        }
        _head = second;
    }

    private static int Slot(long second)
    {
        var slot = (int)(second % Seconds);
        return slot < 0 ? slot + Seconds : slot;
    }
}
