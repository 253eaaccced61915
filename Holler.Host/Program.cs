using System.CommandLine;
using Holler.Host.Commands;

var root = new RootCommand("Holler: real-time web-traffic surge detection on an Akka.NET cluster")
{
    RunCommand.Create(),
    GenerateCommand.Create(),
    DetectCliCommand.Create(),
    KafkaDevCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
