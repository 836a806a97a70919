namespace ProfileHub.Server.Security;

/// <summary>Parses <c>ProfileHub:Auth:Mode</c> ("none", "apikey", "jwt", "apikey,jwt").</summary>
internal static class AuthModeParser
{
    /// <summary>The modes; <see cref="AuthModes.None"/> for null/empty/"none". Throws <see cref="FormatException"/> naming the key.</summary>
    public static AuthModes Parse(string? mode)
    {
        var modes = AuthModes.None;
        if (string.IsNullOrWhiteSpace(mode))
        {
            return modes;
        }

        foreach (var part in mode.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            modes |= part.ToLowerInvariant() switch
            {
                "none" => AuthModes.None,
                "apikey" => AuthModes.ApiKey,
                "jwt" => AuthModes.Jwt,
                _ => throw new FormatException($"{AuthOptions.SectionName}:Mode: unknown mode '{part}'; use none, apikey, jwt or apikey,jwt."),
            };
        }

        if (modes != AuthModes.None && mode.Contains("none", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"{AuthOptions.SectionName}:Mode: 'none' cannot be combined with other modes.");
        }

        return modes;
    }
}
