namespace ProfileHub.Redis;

/// <summary>When <c>SET</c> writes the value.</summary>
public enum RedisSetCondition
{
    /// <summary>Always (plain <c>SET</c>).</summary>
    Always,

    /// <summary>Only if the key does not exist (<c>NX</c>).</summary>
    NotExists,

    /// <summary>Only if the key already exists (<c>XX</c>).</summary>
    Exists,
}
