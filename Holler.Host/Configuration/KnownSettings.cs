using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Holler.Host.Configuration;

/// <summary>
/// The settings <see cref="HollerOptions"/> has, and a check that every key given to a node is one of them: the binder
/// ignores a key it has no property for, so a misspelt setting would otherwise leave its default in place silently.
/// Settings nest (Web:Oidc:Authority) and some are keyed by a name of the user's choosing (Web:Users:NAME:Role,
/// Operator:Tokens:NAME:Hash): any name is known there, and what follows it is checked.
/// </summary>
public static class KnownSettings
{
    /// <summary>One level of settings: a leaf, a section of named settings, or a map from any name to its entries.</summary>
    private sealed record Node(IReadOnlyList<(string Name, Node Child)>? Children, Node? Entry)
    {
        public bool IsLeaf => Children is null && Entry is null;
    }

    private static readonly Node Root = Describe(typeof(HollerOptions));

    /// <summary>Every setting, e.g. Detector:MinCount, Roles, Web:Users:NAME:Role.</summary>
    public static IEnumerable<string> All => Paths(Root, null);

    /// <summary>One line per unknown key, naming it and the nearest known setting.</summary>
    public static IReadOnlyList<string> Check(IConfigurationRoot configuration)
    {
        var errors = new List<string>();
        foreach (var provider in configuration.Providers)
        {
            // Only keys under Holler's own sections count among HOLLER_* variables: HOLLER_TEST_POSTGRES and the like
            // belong to other tools (tests, the operator client) and reach the node only because they share the prefix.
            var lenient = provider is EnvironmentVariablesConfigurationProvider;
            foreach (var key in Leaves(provider, null))
            {
                if (IsKnown(key)) continue;
                var segments = key.Split(ConfigurationPath.KeyDelimiter);
                if (lenient && (segments.Length < 2 || !IsSection(segments[0]))) continue;
                errors.Add($"{key}: unknown setting (did you mean {Suggest(key)}?)");
            }
        }
        return errors;
    }

    public static bool IsKnown(string key)
    {
        var node = Root;
        foreach (var segment in key.Split(ConfigurationPath.KeyDelimiter))
        {
            if (node.Entry is { } entry) node = entry;
            else if (node.Children?.FirstOrDefault(c => string.Equals(c.Name, segment, StringComparison.OrdinalIgnoreCase)) is { Child: { } child })
                node = child;
            else return false;
        }
        return node.IsLeaf;
    }

    /// <summary>The known setting nearest to <paramref name="key"/>, part by part: its section first (Detectr →
    /// Detector), then the setting within it, so a typo in either part finds a setting of the section that was meant.
    /// A name of the user's choosing is kept as it is; a key that stops at a section gets the section's first setting.</summary>
    public static string Suggest(string key)
    {
        var parts = new List<string>();
        var node = Root;
        foreach (var segment in key.Split(ConfigurationPath.KeyDelimiter))
        {
            if (node.IsLeaf) break;
            if (node.Entry is { } entry)
            {
                parts.Add(segment);
                node = entry;
                continue;
            }
            var children = node.Children!;
            var nearest = children.FirstOrDefault(c => string.Equals(c.Name, segment, StringComparison.OrdinalIgnoreCase)).Name
                ?? EditDistance.Nearest(segment, children.Select(c => c.Name));
            parts.Add(nearest);
            node = children.First(c => c.Name == nearest).Child;
        }
        while (!node.IsLeaf)
        {
            if (node.Entry is { } entry)
            {
                parts.Add("NAME");
                node = entry;
            }
            else
            {
                parts.Add(node.Children![0].Name);
                node = node.Children[0].Child;
            }
        }
        return string.Join(ConfigurationPath.KeyDelimiter, parts);
    }

    private static bool IsSection(string name) =>
        Root.Children!.Any(c => !c.Child.IsLeaf && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> Paths(Node node, string? prefix)
    {
        if (node.IsLeaf)
        {
            if (prefix is not null) yield return prefix;
            yield break;
        }
        if (node.Entry is { } entry)
        {
            foreach (var path in Paths(entry, ConfigurationPath.Combine(prefix!, "NAME"))) yield return path;
            yield break;
        }
        foreach (var (name, child) in node.Children!)
            foreach (var path in Paths(child, prefix is null ? name : ConfigurationPath.Combine(prefix, name)))
                yield return path;
    }

    private static IEnumerable<string> Leaves(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var path = parent is null ? child : ConfigurationPath.Combine(parent, child);
            if (provider.TryGet(path, out var value) && value is not null) yield return path;
            foreach (var leaf in Leaves(provider, path)) yield return leaf;
        }
    }

    private static Node Describe(Type type)
    {
        if (type == typeof(string) || !type.IsClass) return new Node(null, null);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            return new Node(null, Describe(type.GetGenericArguments()[1]));
        var children = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => (p.Name, Describe(p.PropertyType)))
            .ToList();
        return new Node(children, null);
    }
}
