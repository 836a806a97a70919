using Microsoft.Extensions.Options;

namespace ProfileHub.Redis;

/// <summary>Checks <see cref="RedisOptions"/> at start-up; messages name the configuration key.</summary>
/// <param name="sectionPath">The configuration path the options were bound from.</param>
internal sealed class RedisOptionsValidator(string sectionPath) : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Configuration))
        {
            try
            {
                RedisEndpointConfiguration.Parse(options.Configuration);
            }
            catch (FormatException ex)
            {
                failures.Add($"{sectionPath}:Configuration: {ex.Message}");
            }
        }

        if (options.ReconnectMinDelay <= TimeSpan.Zero)
        {
            failures.Add($"{sectionPath}:ReconnectMinDelay must be positive.");
        }

        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            failures.Add($"{sectionPath}:ReconnectMaxDelay must not be below ReconnectMinDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
