using System.Text;

namespace ProfileHub.Redis.Internal;

/// <summary>A command name with its RESP bulk-string encoding computed once.</summary>
internal sealed class RedisCommandName
{
    public static readonly RedisCommandName Auth = new("AUTH");
    public static readonly RedisCommandName Select = new("SELECT");
    public static readonly RedisCommandName Client = new("CLIENT");
    public static readonly RedisCommandName Ping = new("PING");
    public static readonly RedisCommandName Get = new("GET");
    public static readonly RedisCommandName Set = new("SET");
    public static readonly RedisCommandName MGet = new("MGET");
    public static readonly RedisCommandName Del = new("DEL");
    public static readonly RedisCommandName Expire = new("EXPIRE");
    public static readonly RedisCommandName PExpire = new("PEXPIRE");
    public static readonly RedisCommandName Incr = new("INCR");
    public static readonly RedisCommandName Publish = new("PUBLISH");
    public static readonly RedisCommandName Subscribe = new("SUBSCRIBE");
    public static readonly RedisCommandName Unsubscribe = new("UNSUBSCRIBE");
    public static readonly RedisCommandName Eval = new("EVAL");
    public static readonly RedisCommandName EvalSha = new("EVALSHA");

    public RedisCommandName(string name)
    {
        Name = name;
        var bytes = Encoding.UTF8.GetBytes(name);
        Encoded = Encoding.ASCII.GetBytes($"${bytes.Length}\r\n").Concat(bytes).Concat("\r\n"u8.ToArray()).ToArray();
    }

    public string Name { get; }

    public byte[] Encoded { get; }
}
