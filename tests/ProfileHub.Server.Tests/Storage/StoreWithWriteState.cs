using System.Reflection;
using ProfileHub.Storage;

namespace ProfileHub.Server.Tests.Storage;

/// <summary>
/// A store that only answers whether it refuses writes: the state a failed fsync of SQLite's
/// write-ahead log leaves the store in is a fault a test cannot cause on a healthy disk.
/// </summary>
public class StoreWithWriteState : DispatchProxy
{
    private bool _refusesWrites;

    public static IProfileStore Create(bool refusesWrites)
    {
        var store = Create<IProfileStore, StoreWithWriteState>();
        ((StoreWithWriteState)(object)store)._refusesWrites = refusesWrites;
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == "get_" + nameof(IProfileStore.RefusesWrites)
            ? _refusesWrites
            : throw new InvalidOperationException($"{targetMethod?.Name} is not part of this test.");
}
