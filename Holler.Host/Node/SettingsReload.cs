using Holler.Host.Configuration;
using Holler.Host.Operator;
using Holler.Web.Access;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Holler.Host.Node;

/// <summary>
/// Re-reads who may get in when the --config file changes: dashboard users and roles, lockout, and the operator API's
/// tokens, so adding or revoking one needs no restart. Everything else keeps the values the node started with. A
/// changed file with a mistake in these settings is logged and ignored: the previous users and tokens stay.
/// </summary>
internal sealed class SettingsReload(IConfigurationRoot settings, OperatorTokens tokens, WebAccess? web, ILogger<SettingsReload> log)
    : IHostedService
{
    private IDisposable? _watch;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = ChangeToken.OnChange(settings.GetReloadToken, Reload);
        return Task.CompletedTask;
    }

    internal void Reload()
    {
        var options = new HollerOptions();
        var errors = new List<string>();
        try
        {
            settings.Bind(options);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            errors.Add(e.Message);
        }
        var nextTokens = options.Operator.ResolveTokens(errors);
        var nextAccess = options.Web.ResolveAccess(errors);
        if (errors.Count > 0)
        {
            log.LogWarning("Settings file changed, but users and tokens were kept as they were: {Errors}", string.Join("; ", errors));
            return;
        }
        tokens.Replace(nextTokens);
        web?.Replace(nextAccess);
        log.LogInformation("Settings file changed: {Tokens} operator token(s), {Users} dashboard user(s)", nextTokens.Count, nextAccess.Users.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watch?.Dispose();
        return Task.CompletedTask;
    }
}
