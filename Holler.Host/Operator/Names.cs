using System.Text;
using Akka.Cluster;

namespace Holler.Host.Operator;

/// <summary>How Akka's names appear in the operator API: lower-case kebab, as pbm prints statuses.</summary>
internal static class Names
{
    public static string Status(MemberStatus status) => Kebab(status.ToString());

    public static string Kebab(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(pascal[i]));
        }
        return text.ToString();
    }
}
