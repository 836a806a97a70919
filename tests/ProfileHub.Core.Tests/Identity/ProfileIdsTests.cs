using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Tests.Identity;

public sealed class ProfileIdsTests
{
    [Fact]
    public void A_record_always_gets_the_same_28_character_id()
    {
        var id = ProfileIds.ForRecord("crm", "contact-1");

        Assert.Equal(id, ProfileIds.ForRecord("crm", "contact-1"));
        Assert.Matches("^p_[a-z2-7]{26}$", id);
    }

    [Fact]
    public void Source_and_record_id_are_separated_so_they_cannot_run_together()
    {
        Assert.NotEqual(ProfileIds.ForRecord("crm", "1x"), ProfileIds.ForRecord("crm1", "x"));
        Assert.NotEqual(ProfileIds.ForRecord("web", "r1"), ProfileIds.ForRecord("crm", "r1"));
    }

    [Fact]
    public void The_id_is_base32_of_the_leading_sha256_bits()
    {
        // The first two characters are the first ten bits of the hash, five at a time.
        var hash = System.Security.Cryptography.SHA256.HashData("a\0b"u8);
        var first = hash[0] >> 3;
        var second = ((hash[0] & 7) << 2) | (hash[1] >> 6);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";

        var id = ProfileIds.ForRecord("a", "b");

        Assert.Equal(alphabet[first], id[2]);
        Assert.Equal(alphabet[second], id[3]);
    }
}
