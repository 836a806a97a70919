using System.Text;

namespace ProfileHub.Grpc;

/// <summary>One metadata entry: a lower-case key and either a text value or, for "-bin" keys, bytes.</summary>
public sealed class MetadataEntry
{
    private readonly string? _text;
    private readonly byte[]? _bytes;

    internal MetadataEntry(string key, string? text, byte[]? bytes)
    {
        Key = key;
        _text = text;
        _bytes = bytes;
    }

    /// <summary>The lower-case key.</summary>
    public string Key { get; }

    /// <summary>True for "-bin" keys, whose values are bytes (base64 on the wire).</summary>
    public bool IsBinary => _bytes is not null;

    /// <summary>The text value; for binary entries the bytes read as Latin-1 are never returned: it throws.</summary>
    public string Value => _text ?? throw new InvalidOperationException($"Metadata entry '{Key}' is binary; read ValueBytes.");

    /// <summary>The bytes of a binary entry, or the ASCII bytes of a text entry.</summary>
    public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_text!);

    /// <inheritdoc />
    public override string ToString() => IsBinary ? $"{Key}: <{_bytes!.Length} bytes>" : $"{Key}: {_text}";
}
