namespace ProfileHub.Server.Security;

/// <summary>The scopes ProfileHub's methods require.</summary>
public static class Scopes
{
    public const string ProfilesRead = "profiles:read";
    public const string IngestWrite = "ingest:write";
    public const string Admin = "admin";

    internal static readonly string[] All = [ProfilesRead, IngestWrite, Admin];
}
