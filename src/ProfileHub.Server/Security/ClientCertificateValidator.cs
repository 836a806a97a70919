using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProfileHub.Server.Security;

/// <summary>
/// Accepts a client certificate only when it chains to one of the configured CAs (a custom trust
/// store: the system's roots do not count) and is valid for client authentication.
/// </summary>
internal sealed class ClientCertificateValidator
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";
    private readonly X509Certificate2Collection _authorities = [];

    public ClientCertificateValidator(string caPath)
    {
        var key = TlsOptions.SectionName + ":ClientCaPath";
        if (!File.Exists(caPath))
        {
            throw new InvalidOperationException($"{key}: file '{caPath}' does not exist.");
        }

        try
        {
            _authorities.ImportFromPemFile(caPath);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{key}: '{caPath}' is not a PEM certificate bundle: {e.Message}", e);
        }

        if (_authorities.Count == 0)
        {
            throw new InvalidOperationException($"{key}: '{caPath}' contains no certificates.");
        }
    }

    public bool Validate(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // Revocation lists are not distributed with a private CA bundle; short-lived certificates are the expected control.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthenticationOid));
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate);
    }
}
