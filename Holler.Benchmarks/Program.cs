using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: BenchmarkDotNet's usual generated project would sit under this repository and inherit its build settings
// (central package versions, warnings as errors), which it does not build with. Pass BenchmarkDotNet arguments through,
// e.g. --filter '*Parser*'.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("in-process"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
