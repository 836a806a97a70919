using System.Security.Cryptography.X509Certificates;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Security;

/// <summary>
/// TLS from PEM files (Kestrel:Certificates:Default) with HTTP/2 over ALPN, and client certificates
/// required to chain to ProfileHub:Tls:ClientCaPath.
/// </summary>
public sealed class MutualTlsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    [Fact]
    public async Task Tls_from_pem_files_serves_grpc_over_h2()
    {
        await using var server = await StartAsync(clientCertificateMode: null);
        using var channel = Channel(server, clientCertificate: null);

        var stages = await channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest());

        Assert.StartsWith("https://", server.Address, StringComparison.Ordinal);
        Assert.NotEmpty(stages.Stages);
    }

    [Fact]
    public async Task Required_client_certificates_admit_only_certificates_from_the_configured_ca()
    {
        await using var server = await StartAsync(clientCertificateMode: "Require");

        using var withoutCertificate = Channel(server, clientCertificate: null);
        using var foreign = Channel(server, _certificates.ForeignClient);
        using var trusted = Channel(server, _certificates.Client);

        await Assert.ThrowsAnyAsync<Exception>(() => withoutCertificate.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest()));
        await Assert.ThrowsAnyAsync<Exception>(() => foreign.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest()));
        var stages = await trusted.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest());
        Assert.NotEmpty(stages.Stages);
    }

    [Fact]
    public async Task Allowed_client_certificates_are_optional_but_checked_when_sent()
    {
        await using var server = await StartAsync(clientCertificateMode: "Allow");

        using var withoutCertificate = Channel(server, clientCertificate: null);
        using var foreign = Channel(server, _certificates.ForeignClient);

        var stages = await withoutCertificate.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest());
        Assert.NotEmpty(stages.Stages);
        await Assert.ThrowsAnyAsync<Exception>(() => foreign.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest()));
    }

    public void Dispose() => _certificates.Dispose();

    private Task<ProfileHubServerProcess> StartAsync(string? clientCertificateMode)
    {
        var environment = new Dictionary<string, string>
        {
            ["Kestrel__Certificates__Default__Path"] = _certificates.ServerCertificatePath,
            ["Kestrel__Certificates__Default__KeyPath"] = _certificates.ServerKeyPath,
        };
        if (clientCertificateMode is not null)
        {
            environment["ProfileHub__Tls__ClientCertificateMode"] = clientCertificateMode;
            environment["ProfileHub__Tls__ClientCaPath"] = _certificates.ClientCaPath;
        }

        return SecurityServer.StartAsync(environment, scheme: "https");
    }

    private GrpcChannel Channel(ProfileHubServerProcess server, X509Certificate2? clientCertificate)
    {
        var serverThumbprint = _certificates.Server.Thumbprint;
        return GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            // Pin the test server's certificate: it chains to a CA the machine does not trust.
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == serverThumbprint,
            ClientCertificate = clientCertificate,
        });
    }
}
