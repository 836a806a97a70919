using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProfileHub.Redis.Caching;

/// <summary>The payload published on the invalidation channel: who sent it and which keys to drop.</summary>
internal sealed record InvalidationMessage(
    [property: JsonPropertyName("s")] string Sender,
    [property: JsonPropertyName("k")] IReadOnlyCollection<string> Keys)
{
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, InvalidationMessageJson.Default.InvalidationMessage);

    public static InvalidationMessage? Parse(ReadOnlySpan<byte> payload)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, InvalidationMessageJson.Default.InvalidationMessage);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
