using System.Diagnostics.CodeAnalysis;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Mapping;

/// <summary>
/// Turns a proto <c>ProfileLookup</c> into a Core <see cref="ProfileKey"/>, normalizing identifier
/// values exactly as ingest does, so "Ada@Example.com " finds what "ada@example.com" created.
/// </summary>
internal sealed class LookupMapping(IdentifierCatalog catalog)
{
    public const int MaxProfileIdLength = 128;

    public ProfileKey ToKey(V1.ProfileLookup? lookup, string field) =>
        TryMap(lookup, field, out var key, out var error) ? key : throw new InvalidFieldException(error.Value.Field, error.Value.Reason);

    public bool TryToKey(V1.ProfileLookup? lookup, string field, out ProfileKey key, [NotNullWhen(false)] out string? error)
    {
        if (TryMap(lookup, field, out key, out var failure))
        {
            error = null;
            return true;
        }

        error = string.Concat(failure.Value.Field, ": ", failure.Value.Reason);
        return false;
    }

    private bool TryMap(V1.ProfileLookup? lookup, string field, out ProfileKey key, [NotNullWhen(false)] out (string Field, string Reason)? error)
    {
        key = default;
        switch (lookup?.KeyCase)
        {
            case V1.ProfileLookup.KeyOneofCase.ProfileId:
                var id = lookup.ProfileId.Trim();
                if (id.Length == 0 || id.Length > MaxProfileIdLength)
                {
                    error = ($"{field}.profile_id", id.Length == 0 ? "is empty" : $"longer than {MaxProfileIdLength} characters");
                    return false;
                }

                key = ProfileKey.ById(id);
                error = null;
                return true;
            case V1.ProfileLookup.KeyOneofCase.Identifier:
                var identifier = lookup.Identifier;
                // Same type-key rule as ingest: "Email " in a hand-written lookup means the email type.
                if (!catalog.TryGet(identifier.Type.Trim().ToLowerInvariant(), out var type))
                {
                    error = ($"{field}.identifier.type", $"unknown identifier type \"{Truncate(identifier.Type)}\"");
                    return false;
                }

                if (string.IsNullOrWhiteSpace(identifier.Value))
                {
                    error = ($"{field}.identifier.value", "is empty");
                    return false;
                }

                if (System.Text.Encoding.UTF8.GetByteCount(identifier.Value) > catalog.Settings.MaxValueBytes)
                {
                    error = ($"{field}.identifier.value", $"longer than {catalog.Settings.MaxValueBytes} bytes");
                    return false;
                }

                if (!catalog.Normalizer.TryNormalize(type.Normalization, identifier.Value, out var normalized, out var reason))
                {
                    error = ($"{field}.identifier.value", reason);
                    return false;
                }

                key = ProfileKey.ByIdentifier(new IdentifierKey(type.Key, normalized));
                error = null;
                return true;
            default:
                error = (field, "a profile_id or an identifier is required");
                return false;
        }
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");
}
