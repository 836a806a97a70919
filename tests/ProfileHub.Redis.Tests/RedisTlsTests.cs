using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProfileHub.Redis.Tests.Infrastructure;

namespace ProfileHub.Redis.Tests;

public sealed class RedisTlsTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("profilehub-redis-tls-").FullName;
    private X509Certificate2 _certificate = null!;
    private RedisServerProcess _server = null!;
    private int _tlsPort;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = Path.Combine(_directory, "redis.crt");
        var keyFile = Path.Combine(_directory, "redis.key");
        await File.WriteAllTextAsync(certificateFile, _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        _tlsPort = FreeTcpPort.Pick();
        _server = await RedisServerProcess.StartAsync(
            "--tls-port", _tlsPort.ToString(CultureInfo.InvariantCulture),
            "--tls-cert-file", certificateFile,
            "--tls-key-file", keyFile,
            "--tls-ca-cert-file", certificateFile,
            "--tls-auth-clients", "no");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Commands_run_over_tls_when_the_server_certificate_is_trusted()
    {
        await using var connection = await RedisConnection.ConnectAsync(new RedisOptions
        {
            Configuration = $"127.0.0.1:{_tlsPort},ssl=true,sslHost=localhost",
            CertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == _certificate.GetCertHashString(),
        });

        Assert.True(await connection.SetAsync("tls:k", "secure"));
        Assert.Equal("secure", await connection.GetStringAsync("tls:k"));
    }

    [Fact]
    public async Task An_untrusted_server_certificate_fails_the_connect()
    {
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(new RedisOptions
        {
            Configuration = $"127.0.0.1:{_tlsPort},ssl=true,sslHost=localhost,connectTimeout=3000",
        }));

        Assert.IsAssignableFrom<System.Security.Authentication.AuthenticationException>(error.InnerException);
    }
}
