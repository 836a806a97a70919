using Microsoft.Extensions.Options;
using ProfileHub.Core.Journey;

namespace ProfileHub.Server.Configuration;

/// <summary>
/// Validates settings by building the object they configure: Core's factories already check every
/// rule and throw with the offending key in the message, so start-up reports exactly that message.
/// </summary>
internal sealed class ConstructionValidator<TSettings>(Action<TSettings> construct) : IValidateOptions<TSettings>
    where TSettings : class
{
    public ValidateOptionsResult Validate(string? name, TSettings options)
    {
        try
        {
            construct(options);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is ArgumentException or JourneyConfigurationException or InvalidOperationException or FormatException)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
