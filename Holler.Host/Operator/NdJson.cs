using System.Text.Json;
using Holler.Host.Operator.Api;
using Microsoft.AspNetCore.Http;

namespace Holler.Host.Operator;

/// <summary>Newline-delimited JSON, flushed per line, so a client sees each item as it happens.</summary>
internal static class NdJson
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static async Task WriteAllAsync<T>(HttpResponse response, IAsyncEnumerable<T> items, CancellationToken token)
    {
        await foreach (var item in items.WithCancellation(token))
        {
            await JsonSerializer.SerializeAsync(response.Body, item, OperatorJson.Options, token);
            await response.Body.WriteAsync(NewLine, token);
            await response.Body.FlushAsync(token);
        }
    }
}
