using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The admin rules on the ingest path. Suppression: records carrying an erased person's identifier
/// are dropped — the salted hashes are held in memory, so a record costs one HMAC per identifier
/// and nothing at all while the list is empty. Quarantine: an existing identifier that links (or
/// tries to link) more distinct profiles within the window than allowed stops linking, like a
/// shared device; only records that move an identifier between profiles touch the link log.
/// </summary>
internal sealed class IngestGuard
{
    public const string SaltSetting = "suppression_salt";

    private static readonly Meter StorageMeter = new("ProfileHub.Storage");
    private static readonly Counter<long> Quarantined =
        StorageMeter.CreateCounter<long>("profilehub_quarantined_identifiers", description: "Identifiers quarantined from linking because they linked too many profiles too fast.");

    private readonly SqliteConnection _connection;
    private readonly WriterStatements _statements;
    private readonly IdentifierCache _identifiers;
    private readonly Func<SqliteTransaction?> _transaction;
    private readonly byte[]? _configuredSalt;
    private readonly HotIdentifierRule _rule;
    private readonly ILogger _logger;
    private readonly int _timeout;
    private readonly HashSet<string> _suppressed = new(StringComparer.Ordinal);
    private byte[]? _salt;

    public IngestGuard(SqliteConnection connection, WriterStatements statements, IdentifierCache identifiers, Func<SqliteTransaction?> transaction, StorageOptions options, QuarantineSettings quarantine, ILogger logger)
    {
        _connection = connection;
        _statements = statements;
        _identifiers = identifiers;
        _transaction = transaction;
        _configuredSalt = string.IsNullOrEmpty(options.SuppressionSalt) ? null : System.Text.Encoding.UTF8.GetBytes(options.SuppressionSalt);
        _rule = new HotIdentifierRule(quarantine);
        _logger = logger;
        _timeout = options.CommandTimeoutSeconds;
        Reload();
    }

    /// <summary>Re-reads the salt and the suppression list (at start and after a rollback).</summary>
    public void Reload()
    {
        _suppressed.Clear();
        _salt = _configuredSalt ?? _connection.ExecuteScalar<byte[]?>(
            "SELECT value FROM admin_settings WHERE name = @Name", new { Name = SaltSetting }, _transaction(), _timeout);
        foreach (var hash in _connection.Query<byte[]>("SELECT hash FROM suppressed_identifiers", transaction: _transaction(), commandTimeout: _timeout))
        {
            _suppressed.Add(Convert.ToHexString(hash));
        }
    }

    /// <summary>The salt, created and stored on first use when none is configured.</summary>
    public byte[] EnsureSalt(AdminSql sql)
    {
        if (_salt is { } salt)
        {
            return salt;
        }

        salt = RandomNumberGenerator.GetBytes(32);
        sql.Execute("INSERT INTO admin_settings (name, value) VALUES (@Name, @Value)", new { Name = SaltSetting, Value = salt });
        _salt = salt;
        return salt;
    }

    /// <summary>Adds hashes written by an erasure in the open transaction (a rollback reloads).</summary>
    public void Suppress(IEnumerable<byte[]> hashes)
    {
        foreach (var hash in hashes)
        {
            _suppressed.Add(Convert.ToHexString(hash));
        }
    }

    /// <summary>True when the record carries an identifier on the suppression list.</summary>
    public bool IsSuppressed(NormalizedRecord record)
    {
        if (_suppressed.Count == 0 || _salt is not { } salt)
        {
            return false;
        }

        foreach (var identifier in record.Identifiers)
        {
            if (_suppressed.Contains(Convert.ToHexString(SuppressionHasher.Hash(salt, identifier.Key))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Logs the profiles existing identifiers of a resolved record were linked to (or kept from by a
    /// limit) and quarantines the ones that became hot.
    /// </summary>
    public void ObserveLinks(IdentityNeighborhood neighborhood, ResolutionDecision decision, long nowTicks)
    {
        if (!_rule.Enabled)
        {
            return;
        }

        foreach (var linked in neighborhood.Linked.Values)
        {
            if (linked.Shared || string.Equals(linked.ProfileId, decision.ProfileId, StringComparison.Ordinal) || decision.NewlyShared.Contains(linked.Key))
            {
                continue;
            }

            Observe(linked.Key, decision.ProfileId, nowTicks);
        }
    }

    private void Observe(IdentifierKey key, string profileId, long nowTicks)
    {
        var now = StoredTime.FromTicks(nowTicks);
        var windowStart = StoredTime.ToTicks(_rule.WindowStart(now));
        var insert = _statements.InsertLink;
        insert[0] = key.Type;
        insert[1] = key.Value;
        insert[2] = profileId;
        insert[3] = nowTicks;
        insert.Execute();
        var expire = _statements.DeleteOldLinks;
        expire[0] = key.Type;
        expire[1] = key.Value;
        expire[2] = windowStart;
        expire.Execute();
        var links = new List<(string ProfileId, DateTimeOffset At)>();
        var load = _statements.LoadLinks;
        load[0] = key.Type;
        load[1] = key.Value;
        using (var reader = load.Read())
        {
            while (reader.Read())
            {
                links.Add((reader.GetString(0), StoredTime.FromTicks(reader.GetInt64(1))));
            }
        }

        if (!_rule.IsHot(links, now))
        {
            return;
        }

        // Hot identifiers are rare: these statements are not worth preparing once.
        var transaction = _transaction();
        var args = new { key.Type, key.Value };
        _connection.Execute("UPDATE identifiers SET shared = 1 WHERE type = @Type AND value = @Value", args, transaction, _timeout);
        _identifiers.Forget(key);
        _connection.Execute(
            "INSERT OR REPLACE INTO quarantined_identifiers (type, value, at, linked_profiles) VALUES (@Type, @Value, @At, @Count)",
            new { key.Type, key.Value, At = nowTicks, Count = links.Count }, transaction, _timeout);
        _connection.Execute("DELETE FROM identifier_links WHERE type = @Type AND value = @Value", args, transaction, _timeout);
        Quarantined.Add(1, new KeyValuePair<string, object?>("type", key.Type));
        AdminLog.IdentifierQuarantined(_logger, key.Type, SuppressionHasher.LogHash(key), links.Count);
    }
}
