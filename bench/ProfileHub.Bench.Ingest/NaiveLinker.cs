using ProfileHub.Core.Identity;

namespace ProfileHub.Bench.Ingest;

/// <summary>
/// The naive baseline: union-find over every pair of co-observed identifiers, with no per-type
/// limits and no shared-device guard.
/// </summary>
public sealed class NaiveLinker
{
    private readonly Dictionary<IdentifierKey, IdentifierKey> parent = [];

    /// <summary>Links all identifiers of one record.</summary>
    public void Link(IReadOnlyList<IdentifierKey> identifiers)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        if (identifiers.Count == 0)
            return;
        var root = Find(identifiers[0]);
        for (var i = 1; i < identifiers.Count; i++)
        {
            var other = Find(identifiers[i]);
            if (!other.Equals(root))
                parent[other] = root;
        }
    }

    /// <summary>The representative of <paramref name="key"/>'s cluster.</summary>
    public IdentifierKey Find(IdentifierKey key)
    {
        if (!parent.TryGetValue(key, out var up))
        {
            parent[key] = key;
            return key;
        }

        while (!up.Equals(key))
        {
            // Path halving keeps the trees flat without recursion.
            var grand = parent[up];
            parent[key] = grand;
            key = up;
            up = parent[key];
        }

        return key;
    }
}
