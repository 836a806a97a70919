namespace ProfileHub.Server.Security;

/// <summary>
/// <c>ProfileHub:Tls</c>: client certificates on HTTPS endpoints. The server certificate itself is
/// ASP.NET Core's standard <c>Kestrel:Certificates:Default:Path</c>/<c>KeyPath</c>/<c>Password</c>.
/// </summary>
public sealed class TlsOptions
{
    public const string SectionName = "ProfileHub:Tls";

    /// <summary>None (default), Allow or Require.</summary>
    public ClientCertificatePolicy ClientCertificateMode { get; set; } = ClientCertificatePolicy.None;

    /// <summary>PEM bundle of the CA certificates client certificates must chain to; empty = the system trust store.</summary>
    public string? ClientCaPath { get; set; }
}
