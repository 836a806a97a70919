using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.Tests.Infrastructure;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public class TlsChannelTests
{
    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the key in a form it can use for TLS on Linux: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    [Fact]
    public async Task An_https_channel_calls_over_tls_when_the_certificate_is_accepted()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var server = await TestGrpcServer.StartAsync(null, app => app.MapEchoService(), certificate: certificate);
        Assert.StartsWith("https://", server.Address, StringComparison.Ordinal);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString(),
        });

        var response = await channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest { Message = "secure" });

        Assert.Equal("secure", response.Message);
    }

    [Fact]
    public async Task An_untrusted_server_certificate_makes_the_call_unavailable()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var server = await TestGrpcServer.StartAsync(null, app => app.MapEchoService(), certificate: certificate);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task A_server_that_is_not_listening_makes_the_call_unavailable()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
