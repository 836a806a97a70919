namespace ProfileHub.Server.Security;

/// <summary>
/// Which scope each protected service needs. Every method under a listed service is protected,
/// bound or not, so an unauthenticated caller learns nothing from UNIMPLEMENTED; paths outside
/// these services (health, reflection, unknown services) are left to the transport.
/// </summary>
internal static class MethodScopes
{
    private static readonly (string Prefix, string Scope)[] Services =
    [
        ("/profilehub.v1.IngestService/", Scopes.IngestWrite),
        ("/profilehub.v1.ProfileService/", Scopes.ProfilesRead),
        ("/profilehub.v1.AnalyticsService/", Scopes.ProfilesRead),
        ("/profilehub.v1.AdminService/", Scopes.Admin),
    ];

    /// <summary>The scope a method ("/package.Service/Method") needs, or null when it is open.</summary>
    public static string? For(string method)
    {
        foreach (var (prefix, scope) in Services)
        {
            if (method.StartsWith(prefix, StringComparison.Ordinal) && method.Length > prefix.Length)
            {
                return scope;
            }
        }

        return null;
    }
}
