using System.Management.Automation.Language;
using System.Text.RegularExpressions;

namespace Holler.Tests.Build;

/// <summary>
/// build.ps1 cannot run on these machines (no PowerShell), so it is checked here: it must parse, and it
/// must offer the same targets as build.sh, which CI runs.
/// </summary>
public sealed class BuildScriptTests
{
    private static readonly Regex TargetName = new("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant);

    private static readonly string Root = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Holler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Holler.sln not found above {AppContext.BaseDirectory}");
    }

    private static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static ScriptBlockAst ParsePowerShell(out ParseError[] errors)
    {
        return Parser.ParseFile(PathOf("build.ps1"), out _, out errors);
    }

    [Fact]
    public void BuildPs1_parses_without_errors()
    {
        var ast = ParsePowerShell(out var errors);

        Assert.True(
            errors.Length == 0,
            "build.ps1 has parse errors:\n" + string.Join(
                "\n",
                errors.Select(e => $"  line {e.Extent.StartLineNumber}, column {e.Extent.StartColumnNumber}: {e.Message}")));
        Assert.NotNull(ast.ParamBlock);
        Assert.Contains(ast.ParamBlock.Parameters, p => p.Name.VariablePath.UserPath == "Target");
        Assert.Contains(ast.ParamBlock.Parameters, p => p.Name.VariablePath.UserPath == "Rest");
    }

    [Fact]
    public void BuildPs1_and_build_sh_define_the_same_targets()
    {
        var ps1 = PowerShellTargets();
        var sh = ShellTargets();

        Assert.Equal(new[] { "bench", "build", "help", "pack", "test" }, sh);
        Assert.Equal(sh, ps1);
    }

    [Fact]
    public void Ci_runs_the_readme_test_command()
    {
        var lines = File.ReadAllLines(PathOf(".ci", "run"));

        Assert.Contains(lines, line => line.Trim() == "./build.sh test");
        Assert.Contains(lines, line => line.Trim() == "set -euo pipefail");
    }

    [Fact]
    public void Scripts_are_executable()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix file modes there; git keeps the bit (update-index --chmod=+x)
        }

        foreach (var script in new[] { PathOf("build.sh"), PathOf(".ci", "run"), PathOf(".ci", "postgres-up") })
        {
            Assert.True(
                (File.GetUnixFileMode(script) & UnixFileMode.UserExecute) != 0,
                $"{script} is not executable");
        }
    }

    /// <summary>The string labels of the <c>switch ($Target)</c> in build.ps1, read from its syntax tree.</summary>
    private static SortedSet<string> PowerShellTargets()
    {
        var ast = ParsePowerShell(out var errors);
        Assert.Empty(errors);

        var switches = ast
            .FindAll(node => node is SwitchStatementAst s && s.Condition.Extent.Text.Contains("$Target", StringComparison.OrdinalIgnoreCase), searchNestedScriptBlocks: true)
            .Cast<SwitchStatementAst>()
            .ToList();
        var theSwitch = Assert.Single(switches);
        Assert.NotNull(theSwitch.Default); // unknown targets must be handled

        var targets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var clause in theSwitch.Clauses)
        {
            var label = Assert.IsType<StringConstantExpressionAst>(clause.Item1).Value;
            if (TargetName.IsMatch(label))
            {
                targets.Add(label);
            }
        }

        return targets;
    }

    /// <summary>
    /// The labels of the <c>case "$target" in … esac</c> block of build.sh (lines like <c>build)</c> or
    /// <c>help|-h|--help)</c>); aliases that are not plain names (<c>-h</c>, <c>*</c>) are left out.
    /// </summary>
    private static SortedSet<string> ShellTargets()
    {
        var lines = File.ReadAllLines(PathOf("build.sh"));
        var start = Array.FindIndex(lines, l => Regex.IsMatch(l, "^\\s*case\\s+\"\\$target\"\\s+in\\s*$"));
        Assert.True(start >= 0, "build.sh has no `case \"$target\" in` block");
        var end = Array.FindIndex(lines, start + 1, l => l.Trim() == "esac");
        Assert.True(end > start, "build.sh: the case block has no esac");

        var label = new Regex("^\\s*([^\\s()#]+)\\)", RegexOptions.CultureInvariant);
        var targets = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = start + 1; i < end; i++)
        {
            var match = label.Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            foreach (var alternative in match.Groups[1].Value.Split('|'))
            {
                var name = alternative.Trim('"', '\'');
                if (TargetName.IsMatch(name))
                {
                    targets.Add(name);
                }
            }
        }

        return targets;
    }
}
