using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace ProfileHub.Grpc.Internal;

/// <summary>Converts between HTTP header collections and <see cref="Metadata"/>.</summary>
internal static class HeaderMetadata
{
    /// <summary>Protocol headers that are not application metadata.</summary>
    public static bool IsProtocolHeader(string key) =>
        key.Length == 0
        || key[0] == ':'
        || key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || key.Equals("te", StringComparison.OrdinalIgnoreCase)
        || key.Equals("host", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || key.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
        || key.Equals("trailer", StringComparison.OrdinalIgnoreCase);

    public static Metadata FromRequest(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            AddValues(metadata, key, values);
        }

        return metadata;
    }

    public static Metadata FromHttp(HttpHeaders headers, HttpHeaders? second = null)
    {
        var metadata = new Metadata();
        AddHttp(metadata, headers);
        if (second is not null)
        {
            AddHttp(metadata, second);
        }

        return metadata;
    }

    public static void AddToHeaders(Metadata metadata, IHeaderDictionary headers)
    {
        foreach (var entry in metadata)
        {
            AppendKeepingEmpty(headers, entry);
        }
    }

    public static void AddToTrailers(Metadata metadata, HttpResponse response)
    {
        if (metadata.Count == 0)
        {
            return;
        }

        var trailers = response.HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
            ?? throw new InvalidOperationException("The server does not support response trailers.");
        foreach (var entry in metadata)
        {
            AppendKeepingEmpty(trailers, entry);
        }
    }

    public static void AddToHttp(Metadata metadata, HttpHeaders headers)
    {
        foreach (var entry in metadata)
        {
            var value = entry.IsBinary ? MetadataValidation.EncodeBinary(entry.ValueBytes) : entry.Value;
            headers.TryAddWithoutValidation(entry.Key, value);
        }
    }

    // IHeaderDictionary.Append and HttpResponse.AppendTrailer remove a header whose value is "", but an empty
    // value is valid metadata (C-core round-trips it); Kestrel's indexer keeps a "" value and sends it.
    private static void AppendKeepingEmpty(IHeaderDictionary headers, MetadataEntry entry)
    {
        var value = entry.IsBinary ? MetadataValidation.EncodeBinary(entry.ValueBytes) : entry.Value;
        var existing = headers[entry.Key];
        headers[entry.Key] = existing.Count == 0 ? new StringValues(value) : StringValues.Concat(existing, value);
    }

    private static void AddHttp(Metadata metadata, HttpHeaders headers)
    {
        foreach (var (key, values) in headers.NonValidated)
        {
            foreach (var value in values)
            {
                AddOne(metadata, key.ToLowerInvariant(), value);
            }
        }
    }

    private static void AddValues(Metadata metadata, string key, StringValues values)
    {
        if (IsProtocolHeader(key))
        {
            return;
        }

        var lower = key.ToLowerInvariant();
        foreach (var value in values)
        {
            AddOne(metadata, lower, value ?? string.Empty);
        }
    }

    private static void AddOne(Metadata metadata, string key, string value)
    {
        if (IsProtocolHeader(key))
        {
            return;
        }

        if (MetadataValidation.IsBinaryKey(key))
        {
            if (value.Length == 0)
            {
                metadata.AddTrusted(new MetadataEntry(key, null, []));
                return;
            }

            // A binary header may carry several comma-separated base64 values once intermediaries join them.
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (MetadataValidation.TryDecodeBinary(part, out var bytes))
                {
                    metadata.AddTrusted(new MetadataEntry(key, null, bytes));
                }
            }
        }
        else
        {
            metadata.AddTrusted(new MetadataEntry(key, value, null));
        }
    }
}
