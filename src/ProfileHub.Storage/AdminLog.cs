using Microsoft.Extensions.Logging;

namespace ProfileHub.Storage;

/// <summary>Source-generated log messages of the admin features. Identifier values never appear: only type and a short hash.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Identifier of type {IdentifierType} (hash {IdentifierHash}) quarantined from linking: it linked {Profiles} distinct profiles within the window")]
    public static partial void IdentifierQuarantined(ILogger logger, string identifierType, string identifierHash, int profiles);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Admin {Action} by {Actor} committed for {Profiles} profiles")]
    public static partial void ActionCommitted(ILogger logger, string action, string actor, int profiles);
}
