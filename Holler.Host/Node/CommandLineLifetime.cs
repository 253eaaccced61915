using Microsoft.Extensions.Hosting;

namespace Holler.Host.Node;

/// <summary>
/// Leaves Ctrl-C and SIGTERM to the command line, which cancels the command and stops the node in order. The default
/// console lifetime would stop the host behind the command's back and leave it waiting forever.
/// </summary>
public sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
