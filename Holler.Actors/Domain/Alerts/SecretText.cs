namespace Holler.Domain.Alerts;

/// <summary>A secret setting (a webhook's signing secret, the SMTP password). It prints as <c>***</c> wherever it goes
/// (records' ToString, logs, JSON of a settings object), so only the code that signs or logs in can read it.</summary>
public sealed class SecretText
{
    private readonly string _value;

    public SecretText(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    public string Reveal() => _value;

    public override string ToString() => "***";
}
