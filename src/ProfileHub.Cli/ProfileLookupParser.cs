using ProfileHub.Contracts.V1;

namespace ProfileHub.Cli;

/// <summary>Reads the ID argument: <c>type:value</c> (e.g. <c>email:ada@example.com</c>) or a profile id (<c>p_…</c>).</summary>
internal static class ProfileLookupParser
{
    public static ProfileLookup Parse(string id)
    {
        var text = id.Trim();
        if (text.Length == 0)
        {
            throw new UsageException("ID is empty: give a profile id (p_…) or type:value (e.g. email:ada@example.com).");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return new ProfileLookup { ProfileId = text };
        }

        if (colon == 0 || colon == text.Length - 1)
        {
            throw new UsageException($"ID '{text}' must be type:value with both parts present, or a profile id.");
        }

        return new ProfileLookup { Identifier = new Identifier { Type = text[..colon], Value = text[(colon + 1)..] } };
    }
}
