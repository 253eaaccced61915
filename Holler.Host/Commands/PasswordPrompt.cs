using System.Text;

namespace Holler.Host.Commands;

/// <summary>Reads a password: typed without echo (twice) at a terminal, or one line from standard input when it is a
/// pipe (scripts and tests), so it never appears in the shell's history or the process list.</summary>
internal static class PasswordPrompt
{
    public static string? Read(TextWriter prompt)
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        prompt.Write("Password: ");
        var first = ReadHidden();
        prompt.Write("Again: ");
        var second = ReadHidden();
        prompt.WriteLine();
        return first == second ? first : null;
    }

    private static string ReadHidden()
    {
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0) text.Length--;
            }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
