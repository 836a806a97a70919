using System.Security.Cryptography;
using System.Text;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;
using ProfileHub.Server.Application;

namespace ProfileHub.Server.Tests.Cache;

public sealed class ProfileCacheKeysTests
{
    [Theory]
    [InlineData("email", "ada@example.com")]
    [InlineData("device_id", "ünïcødé-😀-device")]
    [InlineData("crm_id", "")]
    public void Identifier_ref_keys_are_the_digest_keys_replicas_already_share(string type, string value)
    {
        // Replicas of the previous release read and invalidate these exact keys in Redis.
        var expected = "ref:i:" + type + ":" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(type + ":" + value)));
        var key = ProfileKey.ByIdentifier(new IdentifierKey(type, value));

        Assert.Equal(expected, ProfileCacheKeys.Ref(key));
        Span<char> buffer = stackalloc char[ProfileCacheKeys.StackKeyChars];
        Assert.True(ProfileCacheKeys.TryFormatRef(key, buffer, out var written));
        Assert.Equal(expected, buffer[..written].ToString());
        Assert.DoesNotContain(value.Length > 0 ? value : "\0", ProfileCacheKeys.Ref(key), StringComparison.Ordinal);
    }

    [Fact]
    public void Values_longer_than_the_stack_buffer_hash_the_same_way()
    {
        var value = new string('é', 700);
        var expected = "ref:i:email:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("email:" + value)));

        Assert.Equal(expected, ProfileCacheKeys.Ref(ProfileKey.ByIdentifier(new IdentifierKey("email", value))));
    }

    [Fact]
    public void Keys_formatted_on_many_threads_at_once_each_carry_their_own_values_digest()
    {
        // Each thread reuses one hash object: a digest must never mix two lookups' bytes.
        var wrong = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var value = "user" + i + "@example.com";
            var expected = "ref:i:email:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("email:" + value)));
            if (ProfileCacheKeys.Ref(ProfileKey.ByIdentifier(new IdentifierKey("email", value))) != expected)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Profile_id_ref_keys_name_the_id_and_a_short_buffer_is_reported()
    {
        var key = ProfileKey.ById("p_abc");

        Assert.Equal("ref:p:p_abc", ProfileCacheKeys.Ref(key));
        Assert.Equal("stage:p_abc", ProfileCacheKeys.Stage("p_abc"));
        Span<char> tooShort = stackalloc char[8];
        Assert.False(ProfileCacheKeys.TryFormatRef(key, tooShort, out var written));
        Assert.Equal(0, written);
    }
}
