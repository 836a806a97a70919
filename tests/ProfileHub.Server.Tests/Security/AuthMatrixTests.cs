using ProfileHub.Grpc;

namespace ProfileHub.Server.Tests.Security;

/// <summary>Every profilehub.v1 method × every kind of credential, against a server accepting API keys and JWTs.</summary>
public sealed class AuthMatrixTests(SecuredServerFixture server) : IClassFixture<SecuredServerFixture>
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in MethodCatalog.Names)
        {
            foreach (var credential in (string[])["none", "garbage", "expired-jwt", "wrong-audience-jwt", "wrong-scope-jwt", "wrong-scope-apikey", "right-jwt", "right-apikey"])
            {
                data.Add(method, credential);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Method_answers_the_status_its_credential_deserves(string method, string credential)
    {
        var scope = MethodCatalog.ScopeOf(method);
        var headers = new Metadata();
        var token = Token(credential, scope);
        if (token is not null)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        var status = await MethodCatalog.CallAsync(server.Channel, method, headers);

        switch (credential)
        {
            case "none" or "garbage" or "expired-jwt" or "wrong-audience-jwt":
                Assert.Equal(StatusCode.Unauthenticated, status);
                break;
            case "wrong-scope-jwt" or "wrong-scope-apikey":
                Assert.Equal(StatusCode.PermissionDenied, status);
                break;
            default:
                Assert.NotEqual(StatusCode.Unauthenticated, status);
                Assert.NotEqual(StatusCode.PermissionDenied, status);
                Assert.NotEqual(StatusCode.Internal, status);
                break;
        }
    }

    private static string? Token(string credential, string scope) => credential switch
    {
        "none" => null,
        "garbage" => "this-is-not-a-credential",
        "expired-jwt" => TestCredentials.Jwt(scope, lifetime: TimeSpan.FromMinutes(-10)),
        "wrong-audience-jwt" => TestCredentials.Jwt(scope, audience: "some-other-service"),
        "wrong-scope-jwt" => TestCredentials.Jwt(WrongScope(scope)),
        "wrong-scope-apikey" => scope == "profiles:read" ? TestCredentials.IngesterKey : TestCredentials.ReaderKey,
        "right-jwt" => TestCredentials.Jwt(scope + " unrelated:scope"),
        "right-apikey" => scope switch
        {
            "profiles:read" => TestCredentials.ReaderKey,
            "ingest:write" => TestCredentials.IngesterKey,
            _ => TestCredentials.AdminKey,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(credential), credential, null),
    };

    private static string WrongScope(string scope) => scope == "profiles:read" ? "ingest:write admin" : "profiles:read";
}
