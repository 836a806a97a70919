namespace ProfileHub.Redis.Tests;

public sealed class RedisEndpointConfigurationTests
{
    [Fact]
    public void Parse_reads_every_supported_option()
    {
        var parsed = RedisEndpointConfiguration.Parse(
            "cache.internal:6380, password=p=w, user=app ,ssl=true,sslHost=redis.example,defaultDatabase=3,connectTimeout=1500,syncTimeout=250,abortConnect=false,keyPrefix=ph:,name=replica-1");

        Assert.Equal("cache.internal", parsed.Host);
        Assert.Equal(6380, parsed.Port);
        Assert.Equal("p=w", parsed.Password);
        Assert.Equal("app", parsed.User);
        Assert.True(parsed.Ssl);
        Assert.Equal("redis.example", parsed.SslHost);
        Assert.Equal(3, parsed.DefaultDatabase);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), parsed.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), parsed.SyncTimeout);
        Assert.False(parsed.AbortConnect);
        Assert.Equal("ph:", parsed.KeyPrefix);
        Assert.Equal("replica-1", parsed.ClientName);
    }

    [Fact]
    public void Parse_defaults_port_and_accepts_bracketed_ipv6()
    {
        Assert.Equal(6379, RedisEndpointConfiguration.Parse("localhost").Port);
        var ipv6 = RedisEndpointConfiguration.Parse("[::1]:7000");
        Assert.Equal("::1", ipv6.Host);
        Assert.Equal(7000, ipv6.Port);
    }

    [Theory]
    [InlineData("", "no endpoint")]
    [InlineData("password=x", "no endpoint")]
    [InlineData("host:abc", "'host:abc' has port 'abc'")]
    [InlineData("host:70000", "'host:70000'")]
    [InlineData("a:1,b:2", "second endpoint 'b:2'")]
    [InlineData("host,ssl=yes", "'ssl=yes' must be true or false")]
    [InlineData("host,syncTimeout=-5", "'syncTimeout=-5'")]
    [InlineData("host,defaultDatabase=x", "'defaultDatabase=x'")]
    [InlineData("host,colour=blue", "unknown option 'colour'")]
    [InlineData("host,name=two words", "'name=two words'")]
    [InlineData("::1:6379", "IPv6")]
    public void Parse_names_the_bad_part(string configuration, string expectedFragment)
    {
        var error = Assert.Throws<FormatException>(() => RedisEndpointConfiguration.Parse(configuration));
        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_hides_the_password()
    {
        var text = RedisEndpointConfiguration.Parse("h:1,password=topsecret,user=u").ToString();
        Assert.DoesNotContain("topsecret", text, StringComparison.Ordinal);
        Assert.Contains("password=*****", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_password_means_no_auth()
    {
        Assert.Null(RedisEndpointConfiguration.Parse("h:1,password=").Password);
    }
}
