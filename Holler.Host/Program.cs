using System.CommandLine;
using Holler.Host.Commands;
using Holler.Host.Commands.Operator;

var root = new RootCommand("Holler: real-time web-traffic surge detection on an Akka.NET cluster")
{
    RunCommand.Create(),
    GenerateCommand.Create(),
    DetectCliCommand.Create(),
    KafkaDevCommand.Create(),
    BenchCommand.Create(),
    EvaluateCommand.Create(),
    // Operator commands: they talk to a running node's operator endpoint.
    ClusterCommand.Create(),
    ShardingCommand.Create(),
    TopCommand.Create(),
    BusinessCommand.Create(),
    IngestCommand.Create(),
    AlertsCommand.Create(),
    HistoryCommand.Create(),
    // Access: entries for the settings file (dashboard users, operator API tokens).
    UsersCommand.Create(),
    TokensCommand.Create(),
};
// Ctrl-C / SIGTERM cancel the command, which then leaves the cluster in order (hand-off, snapshots, offset commits).
// The default 2-second grace would cut that short and kill the process mid-shutdown.
return await HollerCommandLine.InvokeAsync(root, args, new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(2) });
