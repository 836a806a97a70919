using Microsoft.Extensions.Options;

namespace ProfileHub.Server.Security;

/// <summary>Start-up checks of <c>ProfileHub:RateLimit</c>, naming the key.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.PermitsPerSecond is < 1 or > 1_000_000)
        {
            failures.Add($"{RateLimitOptions.SectionName}:PermitsPerSecond must be between 1 and 1000000.");
        }

        if (options.Burst is < 1 or > 1_000_000)
        {
            failures.Add($"{RateLimitOptions.SectionName}:Burst must be between 1 and 1000000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
