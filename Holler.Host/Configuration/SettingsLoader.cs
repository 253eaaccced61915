using Microsoft.Extensions.Configuration;

namespace Holler.Host.Configuration;

/// <summary>Reads settings in order of precedence: appsettings.json, an optional --config file, HOLLER_* environment
/// variables, then command-line flags (later wins).</summary>
public static class SettingsLoader
{
    public const string EnvironmentPrefix = "HOLLER_";

    /// <param name="watch">Re-read the --config file when it changes (a running node's users and tokens).</param>
    public static IConfigurationRoot Build(string? configFile, IEnumerable<KeyValuePair<string, string?>> flags, bool watch = false)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        if (!string.IsNullOrWhiteSpace(configFile))
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: watch);
        return builder
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(flags)
            .Build();
    }

    /// <summary>Binds and validates; errors are single lines naming the setting.</summary>
    /// <summary>Binds and validates; errors are single lines naming the setting. With <paramref name="watch"/> and a
    /// file, the node keeps the loaded settings (<see cref="NodeConfig.LiveSettings"/>) to re-read its users and tokens.</summary>
    public static (NodeConfig? Config, IReadOnlyList<string> Errors) Load(string? configFile, IEnumerable<KeyValuePair<string, string?>> flags,
        bool watch = false)
    {
        HollerOptions options;
        IReadOnlyList<string> unknown;
        IConfigurationRoot configuration;
        try
        {
            configuration = Build(configFile, flags, watch && !string.IsNullOrWhiteSpace(configFile));
            options = new HollerOptions();
            configuration.Bind(options);
            unknown = KnownSettings.Check(configuration);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or IOException or InvalidDataException)
        {
            return (null, [Describe(e)]);
        }
        var (config, errors) = NodeConfigValidator.Resolve(options);
        // A setting with several bad parts (--kafka ",") would otherwise say the same thing once per part.
        var all = unknown.Concat(errors).Distinct().ToList();
        if (all.Count > 0 || !watch || string.IsNullOrWhiteSpace(configFile))
        {
            (configuration as IDisposable)?.Dispose();
            return all.Count == 0 ? (config, []) : (null, all);
        }
        return (config! with { LiveSettings = configuration }, []);
    }

    private static string Describe(Exception e)
    {
        // The binder's own message names the setting ("...value at 'Tracker:Shards' to type 'System.Int32'");
        // the inner one says what was wrong with the value.
        var message = e.Message;
        if (e.InnerException is { } inner) message += " " + inner.Message;
        return message.ReplaceLineEndings(" ");
    }
}
