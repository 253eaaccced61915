namespace Holler.Domain.Alerts;

/// <summary>How the SMTP connection is protected (Alerts:Smtp:Security).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS from the first byte on port 465, STARTTLS when the server offers it elsewhere.</summary>
    Auto,
    /// <summary>STARTTLS, required: a server that does not offer it fails the send.</summary>
    StartTls,
    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    Tls,
    /// <summary>Plain text: only for a relay on a trusted network (and the tests' server).</summary>
    None,
}
