using System.Runtime.CompilerServices;

namespace ProfileHub.Redis.Internal;

/// <summary>Stack room for the arguments of a command with optional parts (SET), so building it allocates nothing.</summary>
[InlineArray(6)]
internal struct RedisArgBuffer
{
    private RedisArg _first;
}
