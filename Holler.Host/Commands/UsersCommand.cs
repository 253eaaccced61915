using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Holler.Web.Access;

namespace Holler.Host.Commands;

/// <summary><c>holler users add NAME --role R [--business ID …]</c>: hashes a dashboard user's password and prints the
/// settings entry to paste into the --config file. Holler stores no users of its own: the settings are the store.</summary>
public static class UsersCommand
{
    public const int MinPasswordLength = 12;

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The user's sign-in name" };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", HollerRoles.All)}", Required = true };
        var businesses = new Option<string[]>("--business") { Description = "A business id the user sees (business role; repeatable)" };
        var add = new Command("add", "Hash a password (typed without echo, or one line on standard input) and print the user's settings entry")
        {
            name, role, businesses,
        };
        add.SetAction(parse =>
        {
            var user = parse.GetValue(name)!.Trim();
            var parsed = HollerRoles.Parse(parse.GetValue(role));
            var ids = (parse.GetValue(businesses) ?? []).SelectMany(b => b.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
            if (user.Length == 0 || user.Contains(':')) return CommandFailure.Fail("users add", "NAME must be non-empty and without ':'");
            if (parsed is null) return CommandFailure.Fail("users add", $"--role: unknown role '{parse.GetValue(role)}' (known: {string.Join(", ", HollerRoles.All)})");
            if (parsed == HollerRoles.Business && ids.Count == 0) return CommandFailure.Fail("users add", "--business: a business user needs at least one");
            if (parsed != HollerRoles.Business && ids.Count > 0) return CommandFailure.Fail("users add", "--business: only with --role business");
            var password = PasswordPrompt.Read(Console.Error);
            if (password is null) return CommandFailure.Fail("users add", "the two passwords differ");
            if (password.Length < MinPasswordLength) return CommandFailure.Fail("users add", $"the password must have at least {MinPasswordLength} characters");

            var entry = new JsonObject { ["PasswordHash"] = PasswordSignIn.Hash(user, password), ["Role"] = parsed };
            if (ids.Count > 0) entry["Businesses"] = string.Join(",", ids);
            var settings = new JsonObject { ["Web"] = new JsonObject { ["Users"] = new JsonObject { [user] = entry } } };
            Console.Error.WriteLine("Add this to the settings file given with --config (merge it with any \"Web\" section there):");
            // Unescaped (a hash's '+' stays '+'), so the value can be pasted into an environment variable as well.
            Console.WriteLine(settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return ExitCodes.Ok;
        });
        return new Command("users", "Dashboard users (built-in sign-in)") { add };
    }
}
