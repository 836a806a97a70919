using System.Text.Json.Serialization;

namespace ProfileHub.Redis.Caching;

/// <summary>Source-generated JSON for <see cref="InvalidationMessage"/> (no reflection on the hot path).</summary>
[JsonSerializable(typeof(InvalidationMessage))]
internal sealed partial class InvalidationMessageJson : JsonSerializerContext;
