namespace ProfileHub.Server.Security;

/// <summary>The credential kinds a deployment accepts (parsed from <see cref="AuthOptions.Mode"/>).</summary>
[Flags]
internal enum AuthModes
{
    None = 0,
    ApiKey = 1,
    Jwt = 2,
}
