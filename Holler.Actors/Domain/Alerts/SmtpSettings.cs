namespace Holler.Domain.Alerts;

/// <summary>The SMTP server email channels send through (Alerts:Smtp).</summary>
/// <param name="User">Empty for a server that takes mail without logging in.</param>
public sealed record SmtpSettings(string Host, int Port, string User, SecretText? Password, string From, SmtpSecurity Security);
