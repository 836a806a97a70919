using System.Globalization;

namespace ProfileHub.Storage.Migrations;

/// <summary>One versioned schema change, read from an embedded <c>NNNN_name.sql</c> resource.</summary>
internal sealed record EmbeddedMigration(int Version, string Name, string Sql)
{
    /// <summary>
    /// The migrations embedded under <paramref name="resourcePrefix"/> (one folder per dialect), in
    /// version order. A badly named file or two files with one version fail start-up loudly.
    /// </summary>
    public static IReadOnlyList<EmbeddedMigration> Load(string resourcePrefix)
    {
        var assembly = typeof(EmbeddedMigration).Assembly;
        var migrations = new List<EmbeddedMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(resourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[resourcePrefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Embedded migration \"{resource}\" is not named NNNN_name.sql");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded migration \"{resource}\" cannot be read");
            using var reader = new StreamReader(stream);
            migrations.Add(new EmbeddedMigration(version, fileName[(separator + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two embedded migrations share version {migrations[i].Version}");
            }
        }

        return migrations;
    }
}
