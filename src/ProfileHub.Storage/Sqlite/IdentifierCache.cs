using ProfileHub.Core.Identity;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The writer's copy of identifier rows it has read (owner, shared flag, people co-observed), so
/// an identifier seen again needs no SELECT. Exact because the writer is the only connection that
/// changes the file and it reports every change it makes here: new identifiers and people seen are
/// added, a merge is remembered as an absorbed → survivor redirect applied on read (the database
/// repoints the same rows), restitches and quarantines drop the entry (re-read once). Admin
/// writes and rollbacks clear everything.
/// </summary>
internal sealed class IdentifierCache
{
    private readonly Dictionary<IdentifierKey, LinkedIdentifier> _entries = [];
    private readonly Dictionary<string, string> _mergedInto = new(StringComparer.Ordinal);
    private readonly int _capacity;

    public IdentifierCache(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>Drops everything (after a rollback or an admin write).</summary>
    public void Clear()
    {
        _entries.Clear();
        _mergedInto.Clear();
    }

    /// <summary>Keeps memory bounded; called between transactions.</summary>
    public void Trim()
    {
        if (_entries.Count > _capacity || _mergedInto.Count > _capacity)
        {
            Clear();
        }
    }

    /// <summary>The identifier as the database holds it now, when cached.</summary>
    public bool TryGet(IdentifierKey key, out LinkedIdentifier linked)
    {
        if (!_entries.TryGetValue(key, out linked!))
        {
            return false;
        }

        if (_mergedInto.Count == 0)
        {
            return true;
        }

        var owner = Live(linked.ProfileId);
        var peopleMoved = false;
        foreach (var person in linked.PeopleSeen)
        {
            if (_mergedInto.ContainsKey(person))
            {
                peopleMoved = true;
                break;
            }
        }

        if (!peopleMoved && ReferenceEquals(owner, linked.ProfileId))
        {
            return true;
        }

        var people = linked.PeopleSeen;
        if (peopleMoved)
        {
            var moved = new HashSet<string>(StringComparer.Ordinal);
            foreach (var person in linked.PeopleSeen)
            {
                moved.Add(Live(person));
            }

            people = moved;
        }

        linked = linked with { ProfileId = owner, PeopleSeen = people };
        _entries[key] = linked;
        return true;
    }

    /// <summary>Keeps an identifier just read from the database or just inserted.</summary>
    public void Remember(LinkedIdentifier linked)
    {
        if (_capacity > 0)
        {
            _entries[linked.Key] = linked;
        }
    }

    /// <summary>The row changed in a way not mirrored here (new, restitched, quarantined): re-read it next time.</summary>
    public void Forget(IdentifierKey key) => _entries.Remove(key);

    /// <summary>A profile was recorded as co-observed with the identifier (INSERT OR IGNORE).</summary>
    public void PersonSeen(IdentifierKey key, string profileId)
    {
        if (!TryGet(key, out var linked) || linked.PeopleSeen.Contains(profileId))
        {
            return;
        }

        // A new set, never an in-place change: the resolver may still hold the old one.
        var people = new HashSet<string>(linked.PeopleSeen, StringComparer.Ordinal) { profileId };
        _entries[key] = linked with { PeopleSeen = people };
    }

    /// <summary>Every identifier and people row of <paramref name="absorbedId"/> now names <paramref name="survivorId"/>.</summary>
    public void Merged(string absorbedId, string survivorId) => _mergedInto[absorbedId] = survivorId;

    private string Live(string profileId)
    {
        while (_mergedInto.TryGetValue(profileId, out var survivor))
        {
            profileId = survivor;
        }

        return profileId;
    }
}
