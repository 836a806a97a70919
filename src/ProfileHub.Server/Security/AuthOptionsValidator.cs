using System.Globalization;
using Microsoft.Extensions.Options;

namespace ProfileHub.Server.Security;

/// <summary>Start-up checks of <c>ProfileHub:Auth</c>; each failure names the key. Production must authenticate.</summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var section = AuthOptions.SectionName;
        AuthModes modes;
        try
        {
            modes = AuthModeParser.Parse(options.Mode);
        }
        catch (FormatException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }

        if (modes == AuthModes.None && environment.IsProduction())
        {
            return ValidateOptionsResult.Fail(
                $"{section}:Mode is '{options.Mode ?? "(not set)"}' but the environment is Production: ProfileHub refuses to serve personal data without authentication. " +
                $"Set {section}:Mode to apikey, jwt or apikey,jwt (with {section}:ApiKeys or {section}:Jwt), or run with DOTNET_ENVIRONMENT=Development for local use.");
        }

        var failures = new List<string>();
        if (modes.HasFlag(AuthModes.ApiKey))
        {
            ValidateApiKeys(options.ApiKeys, failures);
        }

        if (modes.HasFlag(AuthModes.Jwt))
        {
            ValidateJwt(options.Jwt, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateApiKeys(List<ApiKeyOptions> keys, List<string> failures)
    {
        var section = AuthOptions.SectionName + ":ApiKeys";
        if (keys.Count == 0)
        {
            failures.Add($"{section}: Mode includes apikey but no keys are configured.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{section}:{i}");
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                failures.Add($"{at}:Name is required.");
            }
            else if (!names.Add(key.Name))
            {
                failures.Add($"{at}:Name '{key.Name}' is used by another key.");
            }

            if (key.Hash.Trim().Length != 64 || !key.Hash.Trim().All(char.IsAsciiHexDigit))
            {
                failures.Add($"{at}:Hash must be the 64 hex digits of the key's SHA-256 (printf %s \"$KEY\" | sha256sum).");
            }

            ValidateScopes(key.Scopes, at + ":Scopes", failures);
        }
    }

    private static void ValidateScopes(List<string> scopes, string at, List<string> failures)
    {
        if (scopes.Count == 0)
        {
            failures.Add($"{at}: at least one scope is required ({string.Join(", ", Scopes.All)}).");
        }

        foreach (var scope in scopes.Where(s => !Scopes.All.Contains(s)))
        {
            failures.Add($"{at}: unknown scope '{scope}'; use {string.Join(", ", Scopes.All)}.");
        }
    }

    private static void ValidateJwt(JwtOptions jwt, List<string> failures)
    {
        var section = AuthOptions.SectionName + ":Jwt";
        if (string.IsNullOrWhiteSpace(jwt.Audience))
        {
            failures.Add($"{section}:Audience is required.");
        }

        var hasAuthority = !string.IsNullOrWhiteSpace(jwt.Authority);
        if (!hasAuthority && jwt.SigningKeys.Count == 0)
        {
            failures.Add($"{section}: set Authority (OIDC discovery/JWKS) or SigningKeys.");
        }

        if (!hasAuthority && string.IsNullOrWhiteSpace(jwt.Issuer))
        {
            failures.Add($"{section}:Issuer is required when no Authority is set.");
        }

        if (hasAuthority && !Uri.TryCreate(jwt.Authority, UriKind.Absolute, out _))
        {
            failures.Add($"{section}:Authority '{jwt.Authority}' is not an absolute URI.");
        }

        if (jwt.ClockSkew < TimeSpan.Zero || jwt.ClockSkew > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{section}:ClockSkew must be between 0 and 30 minutes.");
        }

        if (string.IsNullOrWhiteSpace(jwt.ScopeClaim))
        {
            failures.Add($"{section}:ScopeClaim must not be empty.");
        }

        for (var i = 0; i < jwt.SigningKeys.Count; i++)
        {
            try
            {
                JwtSigningKeys.Parse(jwt.SigningKeys[i], i);
            }
            catch (FormatException e)
            {
                failures.Add(e.Message);
            }
        }
    }
}
