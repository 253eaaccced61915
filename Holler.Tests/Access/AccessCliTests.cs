using System.Text.Json;
using Holler.Host.Configuration;
using Holler.Host.Operator;
using Holler.Tests.Support;
using Holler.Web.Access;
using Microsoft.AspNetCore.Identity;

namespace Holler.Tests.Access;

/// <summary><c>holler users add</c> and <c>holler tokens add</c>: the entries they print are what a node accepts.</summary>
public sealed class AccessCliTests
{
    [Fact]
    public async Task Users_add_reads_the_password_from_standard_input_and_prints_an_entry_whose_hash_verifies()
    {
        const string password = "correct horse battery";
        var result = await HollerProcess.RunAsync(["users", "add", "owner", "--role", "business", "--business", "b-1", "--business", "b-2"],
            stdin: password + "\n");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(password, result.Stdout + result.Stderr);
        var entry = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("Web").GetProperty("Users").GetProperty("owner");
        Assert.Equal("business", entry.GetProperty("Role").GetString());
        Assert.Equal("b-1,b-2", entry.GetProperty("Businesses").GetString());
        var hash = entry.GetProperty("PasswordHash").GetString()!;
        // Printed as it is, so it can go into an environment variable too (HOLLER_WEB__USERS__owner__PASSWORDHASH).
        Assert.Contains($"\"{hash}\"", result.Stdout);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<string>().VerifyHashedPassword("owner", hash, password));
        Assert.Equal(PasswordVerificationResult.Failed, new PasswordHasher<string>().VerifyHashedPassword("owner", hash, password + "!"));

        // The entry, as printed, is a valid setting.
        var (config, errors) = NodeConfigValidator.Resolve(new HollerOptions
        {
            Web = { Users = { ["owner"] = new WebUserOptions { PasswordHash = hash, Role = "business", Businesses = "b-1,b-2" } } },
        });
        Assert.Empty(errors);
        Assert.Equal(HollerRoles.Business, config!.WebAccess.Users["owner"].Role);
    }

    [Theory]
    [InlineData(new[] { "users", "add", "ann", "--role", "chef" }, "--role: unknown role 'chef'")]
    [InlineData(new[] { "users", "add", "ann", "--role", "business" }, "--business: a business user needs at least one")]
    [InlineData(new[] { "users", "add", "ann", "--role", "viewer" }, "the password must have at least 12 characters")]
    [InlineData(new[] { "tokens", "add", "ci", "--scope", "root" }, "--scope: one or more of read, write, operator")]
    public async Task Bad_input_is_one_line_and_exit_2(string[] args, string expected)
    {
        var result = await HollerProcess.RunAsync(args, stdin: "short\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Tokens_add_prints_the_token_once_and_an_entry_holding_only_its_hash()
    {
        var result = await HollerProcess.RunAsync(["tokens", "add", "ci", "--scope", "write"]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', 2);
        var token = lines[0].Trim();
        Assert.StartsWith("hlr_", token);
        Assert.True(token.Length >= 40, token);
        var entry = JsonDocument.Parse(lines[1]).RootElement.GetProperty("Operator").GetProperty("Tokens").GetProperty("ci");
        Assert.Equal("read,write", entry.GetProperty("Scopes").GetString());
        Assert.Equal(OperatorTokens.HashOf(token), entry.GetProperty("Hash").GetString());
        Assert.DoesNotContain(token, lines[1]);

        var tokens = new OperatorTokens(OperatorTokenOptions.Resolve(new OperatorOptionsSection
        {
            Tokens = { ["ci"] = new OperatorTokenOptions { Hash = entry.GetProperty("Hash").GetString()!, Scopes = "read,write" } },
        }, []));
        Assert.Equal("ci", tokens.Find(token)?.Name);
        Assert.Null(tokens.Find(token + "x"));
    }
}
