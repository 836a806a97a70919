using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Unicode;
using Google.Protobuf.Reflection;

namespace ProfileHub.Grpc.Internal;

/// <summary>
/// Checks the raw bytes of every string field (including map keys/values and nested messages) of a payload
/// that already parsed. Payloads that are pure ASCII, and message types without string fields, skip the walk.
/// </summary>
internal static class Utf8FieldValidator
{
    public const string Reason = "a string field is not valid UTF-8";

    private static readonly ConcurrentDictionary<MessageDescriptor, bool> HasStrings = new();

    public static bool StringsAreValid(MessageDescriptor descriptor, ReadOnlySequence<byte> payload)
    {
        // The cache answers every call after the first per type; the walk's visiting set is only built on a miss.
        if (!(HasStrings.TryGetValue(descriptor, out var hasStrings) ? hasStrings : ContainsStrings(descriptor, [])))
        {
            return true;
        }

        if (payload.IsSingleSegment)
        {
            var span = payload.FirstSpan;
            return !span.ContainsAnyExceptInRange((byte)0, (byte)0x7F) || Walk(descriptor, span);
        }

        var bytes = payload.ToArray();
        return !bytes.AsSpan().ContainsAnyExceptInRange((byte)0, (byte)0x7F) || Walk(descriptor, bytes);
    }

    private static bool ContainsStrings(MessageDescriptor descriptor, HashSet<MessageDescriptor> visiting)
    {
        if (HasStrings.TryGetValue(descriptor, out var known))
        {
            return known;
        }

        if (!visiting.Add(descriptor))
        {
            return false;
        }

        var result = false;
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.String || (field.FieldType == FieldType.Message && ContainsStrings(field.MessageType, visiting)))
            {
                result = true;
                break;
            }
        }

        visiting.Remove(descriptor);
        if (visiting.Count == 0 || result)
        {
            HasStrings[descriptor] = result;
        }

        return result;
    }

    // The payload already parsed, so the wire format is known to be well-formed; bounds are still checked.
    private static bool Walk(MessageDescriptor descriptor, ReadOnlySpan<byte> data)
    {
        var position = 0;
        while (position < data.Length)
        {
            if (!TryReadVarint(data, ref position, out var tag))
            {
                return true;
            }

            var wireType = (int)(tag & 7);
            var number = tag >> 3;
            switch (wireType)
            {
                case 0:
                    if (!TryReadVarint(data, ref position, out _))
                    {
                        return true;
                    }

                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    if (!TryReadVarint(data, ref position, out var length) || length > (ulong)(data.Length - position))
                    {
                        return true;
                    }

                    var value = data.Slice(position, (int)length);
                    position += (int)length;
                    var field = number <= int.MaxValue ? descriptor.FindFieldByNumber((int)number) : null;
                    if (field?.FieldType == FieldType.String && !Utf8.IsValid(value))
                    {
                        return false;
                    }

                    if (field?.FieldType == FieldType.Message && !Walk(field.MessageType, value))
                    {
                        return false;
                    }

                    break;
                case 3:
                    // Groups only appear as unknown fields here: their bytes are kept, never decoded as strings.
                    if (!TrySkipGroup(data, ref position))
                    {
                        return true;
                    }

                    break;
                default:
                    break;
            }
        }

        return true;
    }

    private static bool TrySkipGroup(ReadOnlySpan<byte> data, ref int position)
    {
        var depth = 1;
        while (depth > 0)
        {
            if (!TryReadVarint(data, ref position, out var tag))
            {
                return false;
            }

            switch (tag & 7)
            {
                case 0:
                    if (!TryReadVarint(data, ref position, out _))
                    {
                        return false;
                    }

                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    if (!TryReadVarint(data, ref position, out var length) || length > (ulong)(data.Length - position))
                    {
                        return false;
                    }

                    position += (int)length;
                    break;
                case 3:
                    depth++;
                    break;
                case 4:
                    depth--;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    return false;
            }

            if (position > data.Length)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
