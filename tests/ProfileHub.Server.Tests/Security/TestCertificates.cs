using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProfileHub.Server.Tests.Security;

/// <summary>A private CA with a server and a client certificate, plus a client certificate from an unrelated CA, as PEM files.</summary>
public sealed class TestCertificates : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public TestCertificates()
    {
        Directory = Path.Combine(Path.GetTempPath(), "profilehub-certs-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        using var ca = CreateAuthority("CN=ProfileHub Test CA");
        using var otherCa = CreateAuthority("CN=Somebody Else CA");
        Server = Issue(ca, "CN=127.0.0.1", ServerAuth, withIpAddress: true);
        Client = Issue(ca, "CN=crm-sync", ClientAuth, withIpAddress: false);
        ForeignClient = Issue(otherCa, "CN=intruder", ClientAuth, withIpAddress: false);
        ServerCertificatePath = Path.Combine(Directory, "server.crt");
        ServerKeyPath = Path.Combine(Directory, "server.key");
        ClientCaPath = Path.Combine(Directory, "client-ca.pem");
        File.WriteAllText(ServerCertificatePath, Server.ExportCertificatePem());
        File.WriteAllText(ServerKeyPath, Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(ClientCaPath, ca.ExportCertificatePem());
    }

    public string Directory { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public X509Certificate2 ForeignClient { get; }

    public string ServerCertificatePath { get; }

    public string ServerKeyPath { get; }

    public string ClientCaPath { get; }

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
        ForeignClient.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static X509Certificate2 CreateAuthority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, string usage, bool withIpAddress)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (withIpAddress)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
