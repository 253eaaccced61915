using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Holler.Host.Configuration;
using Holler.Host.Operator;

namespace Holler.Host.Commands;

/// <summary><c>holler tokens add NAME --scope S</c>: makes a random operator API token, prints it once, and prints the
/// settings entry (its SHA-256 and scopes) to paste into the --config file; the node never holds the token itself.</summary>
public static class TokensCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The token's name (who or what uses it)" };
        var scopes = new Option<string[]>("--scope") { Description = "read, write or operator (repeatable; every scope can read)", Required = true };
        var add = new Command("add", "Make a token and print it once, then the settings entry to paste") { name, scopes };
        add.SetAction(parse =>
        {
            var token = parse.GetValue(name)!.Trim();
            if (token.Length == 0 || token.Contains(':')) return CommandFailure.Fail("tokens add", "NAME must be non-empty and without ':'");
            var parsed = OperatorTokenOptions.ParseScopes(string.Join(",", parse.GetValue(scopes) ?? []));
            if (parsed is null) return CommandFailure.Fail("tokens add", "--scope: one or more of read, write, operator");
            var secret = OperatorTokens.Generate();
            var entry = new JsonObject { ["Hash"] = OperatorTokens.HashOf(secret), ["Scopes"] = OperatorTokenOptions.Describe(parsed.Value) };
            var settings = new JsonObject { ["Operator"] = new JsonObject { ["Tokens"] = new JsonObject { [token] = entry } } };
            Console.Error.WriteLine("The token (shown only now; give it to holler commands as HOLLER_OPERATOR__TOKEN or --token):");
            Console.WriteLine(secret);
            Console.Error.WriteLine("Add this to the settings file given with --config; a running node picks it up without a restart:");
            Console.WriteLine(settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return ExitCodes.Ok;
        });
        return new Command("tokens", "Operator API tokens") { add };
    }
}
