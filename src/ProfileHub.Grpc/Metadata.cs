using System.Collections;
using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc;

/// <summary>
/// gRPC metadata (request headers, response headers, trailers): an ordered list of entries whose keys
/// are lower-cased and validated on insertion. Keys ending in "-bin" carry bytes, all others
/// printable ASCII text.
/// </summary>
public sealed class Metadata : IReadOnlyList<MetadataEntry>
{
    private readonly List<MetadataEntry> _entries = [];

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public MetadataEntry this[int index] => _entries[index];

    /// <summary>Adds a text entry.</summary>
    /// <param name="key">Key: letters, digits, '-', '_', '.'; must not end in "-bin" nor start with "grpc-".</param>
    /// <param name="value">Printable ASCII (0x20–0x7E).</param>
    /// <exception cref="ArgumentException">The key or value is not valid for a text entry.</exception>
    public void Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = MetadataValidation.NormalizeKey(key);
        if (MetadataValidation.IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Metadata key '{normalized}' ends in \"-bin\": add a byte[] value.", nameof(key));
        }

        MetadataValidation.ValidateTextValue(normalized, value);
        _entries.Add(new MetadataEntry(normalized, value, null));
    }

    /// <summary>Adds a binary entry.</summary>
    /// <param name="key">Key ending in "-bin".</param>
    /// <param name="value">Any bytes.</param>
    /// <exception cref="ArgumentException">The key does not end in "-bin" or is otherwise invalid.</exception>
    public void Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = MetadataValidation.NormalizeKey(key);
        if (!MetadataValidation.IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Metadata key '{normalized}' carries bytes, so it must end in \"-bin\".", nameof(key));
        }

        _entries.Add(new MetadataEntry(normalized, null, (byte[])value.Clone()));
    }

    /// <summary>Returns the first text value for the key, or null when absent.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    public string? GetValue(string key) => Find(key)?.Value;

    /// <summary>Returns the first binary value for the key, or null when absent.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    public byte[]? GetBytes(string key) => Find(key)?.ValueBytes;

    /// <summary>Returns every entry with the key, in order.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    public IEnumerable<MetadataEntry> GetAll(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Removes every entry with the key; returns how many were removed.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    public int Remove(string key) => _entries.RemoveAll(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public IEnumerator<MetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Adds an entry that was already validated (received from the wire).</summary>
    internal void AddTrusted(MetadataEntry entry) => _entries.Add(entry);

    private MetadataEntry? Find(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }
}
