using System.Text.RegularExpressions;
using System.Xml.Linq;
using Holler.Host.Configuration;
using Holler.Tests.Support;

namespace Holler.Tests.Docker;

/// <summary>
/// docker/Dockerfile cannot be built here (no Docker engine), so its shape is checked: it builds Holler.Host in the
/// SDK image, runs the published `holler` in the ASP.NET Core runtime image as a non-root user, exposes the ports the
/// settings default to, and copies everything Holler.Host needs to build.
/// </summary>
public sealed class DockerfileTests
{
    private sealed record Instruction(string Keyword, string Arguments, int Stage);

    /// <summary>Instructions in order, continuation lines joined, comments dropped, each tagged with its stage.</summary>
    private static List<Instruction> Parse()
    {
        var instructions = new List<Instruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in File.ReadAllLines(Repository.PathOf("docker", "Dockerfile")))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#'))) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var full = (pending + line).Trim();
            pending = "";
            var space = full.IndexOf(' ');
            var keyword = full[..space].ToUpperInvariant();
            if (keyword == "FROM") stage++;
            instructions.Add(new Instruction(keyword, full[(space + 1)..].Trim(), stage));
        }
        return instructions;
    }

    [Fact]
    public void Builds_in_the_sdk_image_and_runs_in_the_aspnet_runtime_image()
    {
        var froms = Parse().Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();

        Assert.Equal(2, froms.Count);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", froms[0]);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0 AS runtime$", froms[1]);
    }

    [Fact]
    public void Publishes_Holler_Host_in_Release_and_the_runtime_takes_only_its_output()
    {
        var instructions = Parse();

        var publish = Assert.Single(instructions, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish"));
        Assert.Equal(0, publish.Stage);
        Assert.Matches(@"dotnet publish Holler\.Host/Holler\.Host\.csproj -c Release .*-o /app", publish.Arguments);
        var runtimeCopies = instructions.Where(i => i.Stage == 1 && i.Keyword == "COPY").ToList();
        Assert.All(runtimeCopies, c => Assert.StartsWith("--from=build /app", c.Arguments));
    }

    [Fact]
    public void Runs_holler_as_a_non_root_user()
    {
        var runtime = Parse().Where(i => i.Stage == 1).ToList();

        var user = runtime.Last(i => i.Keyword == "USER").Arguments;
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user.Split(':')[0]);
        Assert.True(runtime.FindLastIndex(i => i.Keyword == "USER") < runtime.FindIndex(i => i.Keyword == "ENTRYPOINT"));
        Assert.Contains(runtime, i => i.Keyword == "RUN" && i.Arguments.Contains($"useradd --system --uid 10001 --gid holler") );
        Assert.Equal("[\"holler\"]", runtime.Single(i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Equal("[\"run\"]", runtime.Single(i => i.Keyword == "CMD").Arguments);
        // `holler` on the PATH starts the published assembly, whose name the project sets.
        var assembly = XDocument.Load(Repository.PathOf("Holler.Host", "Holler.Host.csproj")).Descendants("AssemblyName").Single().Value;
        Assert.Contains(runtime, i => i.Keyword == "RUN" && i.Arguments.Contains($"exec dotnet /app/{assembly}.dll") && i.Arguments.Contains("/usr/local/bin/holler"));
    }

    [Fact]
    public void Exposes_the_ports_the_settings_default_to()
    {
        var runtime = Parse().Where(i => i.Stage == 1).ToList();
        var exposed = runtime.Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse).Order().ToList();
        var clusterPort = int.Parse(Regex.Match(string.Join(' ', runtime.Where(i => i.Keyword == "ENV").Select(i => i.Arguments)),
            @"HOLLER_CLUSTER__PORT=(\d+)").Groups[1].Value);
        var defaults = new HollerOptions();

        Assert.Equal(new[] { clusterPort, defaults.Web.Port, defaults.Operator.Port }.Order(), exposed);
        var health = runtime.Single(i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Contains($"/dev/tcp/127.0.0.1/{defaults.Operator.Port}", health);
        Assert.Contains("GET /healthz/live", health);
    }

    [Fact]
    public void Copies_every_project_Holler_Host_builds_from()
    {
        var build = Parse().Where(i => i.Stage == 0 && i.Keyword == "COPY").ToList();
        var sources = build.SelectMany(c => c.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToList();

        Assert.All(sources, s => Assert.True(File.Exists(Repository.PathOf(s)) || Directory.Exists(Repository.PathOf(s)), $"COPY {s}: not in the repository"));
        foreach (var project in ProjectClosure(Path.Combine("Holler.Host", "Holler.Host.csproj")))
        {
            var folder = Path.GetDirectoryName(project)!.Replace('\\', '/');
            Assert.Contains($"{folder}/", sources);
            Assert.Contains(project.Replace('\\', '/'), sources);
        }
    }

    [Fact]
    public void The_readme_builds_and_runs_it_as_the_files_say()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));

        Assert.Contains("docker build -f docker/Dockerfile -t holler .", readme);
        Assert.Contains("docker compose -f docker/compose.yaml up -d --build", readme);
        Assert.Contains("cp docker/.env.example docker/.env", readme);
    }

    /// <summary>Holler.Host and every project it references, transitively, as repository-relative paths.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([project]);
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next)) continue;
            var dir = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(Repository.PathOf(next)).Descendants("ProjectReference"))
                queue.Enqueue(Path.GetRelativePath(Repository.Root,
                    Path.GetFullPath(Path.Combine(Repository.Root, dir, reference.Attribute("Include")!.Value.Replace('\\', '/')))));
        }
        return seen;
    }
}
