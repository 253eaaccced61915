using System.Text.Json;
using System.Text.Json.Serialization;

namespace Holler.Host.Operator.Api;

/// <summary>One JSON shape for the operator API and for <c>holler … --json</c>: camelCase names, enums as strings,
/// times as ISO-8601 UTC. docs/operator-api.md documents every document.</summary>
public static class OperatorJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>For people reading <c>--json</c> output; the same shape, indented.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public const string NdjsonContentType = "application/x-ndjson";

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Body of every failed operator request: one line for a person, as the CLI prints it.</summary>
public sealed record ApiError(string Error);
