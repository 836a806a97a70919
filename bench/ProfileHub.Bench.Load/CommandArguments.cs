using System.Globalization;

namespace ProfileHub.Bench.Load;

/// <summary>The <c>--name value</c> options after the command word, with typed reads and defaults.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public CommandArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected \"--name value\" pairs, got \"{args[i]}\"");
            }

            values[args[i][2..]] = args[++i];
        }
    }

    public string Text(string name, string? fallback = null)
    {
        read.Add(name);
        return values.TryGetValue(name, out var value) ? value
            : fallback ?? throw new ArgumentException($"--{name} is required");
    }

    public string? Optional(string name)
    {
        read.Add(name);
        return values.GetValueOrDefault(name);
    }

    public int Number(string name, int fallback)
    {
        read.Add(name);
        return values.TryGetValue(name, out var value) ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Fails on options no command read, so a typo never silently runs the defaults.</summary>
    public void RejectUnknown()
    {
        var unknown = values.Keys.Where(k => !read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
        }
    }
}
