using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Holler.Host.Configuration;

/// <summary>
/// The settings <see cref="HollerOptions"/> has, and a check that every key given to a node is one of them: the binder
/// ignores a key it has no property for, so a misspelt setting would otherwise leave its default in place silently.
/// </summary>
public static class KnownSettings
{
    /// <summary>Top-level settings (Roles, DataDir) under "", then each section's, e.g. Detector → MinCount, ….</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> BySection = Describe(typeof(HollerOptions));

    /// <summary>A path segment people name themselves (a channel's name).</summary>
    private const string Free = "*";

    public static IEnumerable<string> All =>
        BySection.SelectMany(s => s.Value.Select(name => s.Key.Length == 0 ? name : ConfigurationPath.Combine(s.Key, name)));

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
        var colon = key.IndexOf(':');
        var (section, name) = colon < 0 ? ("", key) : (key[..colon], key[(colon + 1)..]);
        return BySection.TryGetValue(section, out var names) && names.Any(n => Matches(n, name));
    }

    /// <summary>Whether <paramref name="name"/> is the setting <paramref name="pattern"/>, whose <c>*</c> segments are
    /// names people choose (Alerts:Channels:<i>ops</i>:Url).</summary>
    private static bool Matches(string pattern, string name)
    {
        var p = pattern.Split(ConfigurationPath.KeyDelimiter);
        var n = name.Split(ConfigurationPath.KeyDelimiter);
        if (p.Length != n.Length) return false;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == Free ? n[i].Length == 0 : !string.Equals(p[i], n[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    /// <summary><paramref name="pattern"/> with its free segments taken from <paramref name="name"/> where it has them,
    /// so a suggestion keeps the channel name that was typed.</summary>
    private static string Fill(string pattern, string name)
    {
        var p = pattern.Split(ConfigurationPath.KeyDelimiter);
        var n = name.Split(ConfigurationPath.KeyDelimiter);
        for (var i = 0; i < p.Length; i++) if (p[i] == Free && i < n.Length && n[i].Length > 0) p[i] = n[i];
        return string.Join(ConfigurationPath.KeyDelimiter, p);
    }

    /// <summary>The known setting nearest to <paramref name="key"/>: its section first (Detectr → Detector), then the
    /// setting within it, so a typo in either part finds a setting of the section that was meant.</summary>
    public static string Suggest(string key)
    {
        var colon = key.IndexOf(':');
        if (colon < 0) return IsSection(key) ? ConfigurationPath.Combine(key, BySection[key][0]) : EditDistance.Nearest(key, All);
        var section = EditDistance.Nearest(key[..colon], BySection.Keys.Where(k => k.Length > 0));
        var name = key[(colon + 1)..];
        return ConfigurationPath.Combine(section, EditDistance.Nearest(name, BySection[section].Select(n => Fill(n, name))));
    }

    private static bool IsSection(string name) => name.Length > 0 && BySection.ContainsKey(name);

    private static IEnumerable<string> Leaves(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var path = parent is null ? child : ConfigurationPath.Combine(parent, child);
            if (provider.TryGet(path, out var value) && value is not null) yield return path;
            foreach (var leaf in Leaves(provider, path)) yield return leaf;
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> Describe(Type options)
    {
        var sections = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var top = new List<string>();
        foreach (var property in Settable(options))
        {
            if (IsLeaf(property.PropertyType)) top.Add(property.Name);
            else sections[property.Name] = Names(property.PropertyType).ToList();
        }
        sections[""] = top;
        return sections;
    }

    /// <summary>A section's settings as paths within it: nested sections (Alerts → Smtp:Host) and named entries of a
    /// dictionary (Alerts → Channels:*:Url) included.</summary>
    private static IEnumerable<string> Names(Type type)
    {
        foreach (var property in Settable(type))
        {
            if (IsLeaf(property.PropertyType)) yield return property.Name;
            else if (DictionaryValue(property.PropertyType) is { } value)
                foreach (var name in Names(value)) yield return ConfigurationPath.Combine(property.Name, Free, name);
            else
                foreach (var name in Names(property.PropertyType)) yield return ConfigurationPath.Combine(property.Name, name);
        }
    }

    private static Type? DictionaryValue(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    private static bool IsLeaf(Type type) => type == typeof(string) || !type.IsClass;
}
