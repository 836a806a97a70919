using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Bench.Store;

/// <summary>
/// The floor under the single writer: only the rows every accepted record must cost in the
/// store's schema, written with the writer's own prepared statements, on one thread, committed in
/// groups the way the writer commits them. Per record: the idempotency probe, the record row (and
/// with it the idempotency and per-profile indexes), the identifiers it brings for the first time,
/// its profile row (inserted, or its activity updated) and one change-feed entry. No resolution
/// beyond "the owner of the first identifier already seen", so no merges, limits, shared devices,
/// traits or stage history; no gRPC, no fsync wait (the flusher's, on its own thread). Whatever the
/// real writer spends per record above this figure is identity resolution and journey logic.
/// </summary>
internal static class WriteFloor
{
    public static double Run(IReadOnlyList<NormalizedRecord> workload, int groupRecords)
    {
        var directory = Path.Combine(Path.GetTempPath(), "profilehub-bench-store", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "floor.db")};Pooling=False");
            connection.Open();
            // synchronous=NORMAL: the writer's own setting once its flusher fsyncs the log behind it.
            Execute(connection, WriterPragmas.Text + "\nPRAGMA synchronous = NORMAL;");
            SqliteMigrator.ApplyAsync(connection, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();

            using var statements = new WriterStatements(connection);
            var owners = new Dictionary<IdentifierKey, string>();
            var versions = new Dictionary<string, long>(StringComparer.Ordinal);
            var sequence = 0L;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var start = 0; start < workload.Count; start += groupRecords)
            {
                var now = DateTimeOffset.UtcNow.UtcTicks;
                using var transaction = connection.BeginTransaction();
                Execute(connection, "PRAGMA defer_foreign_keys = ON");
                foreach (var record in workload.Skip(start).Take(groupRecords))
                {
                    sequence = Apply(statements, record, owners, versions, sequence, now);
                }

                transaction.Commit();
            }

            watch.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var perSecond = workload.Count / watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"write floor  : {perSecond,9:F0} records/s  ({watch.Elapsed.TotalSeconds:F2} s, one thread, groups of {groupRecords}, {versions.Count} profiles, {owners.Count} identifiers); {watch.Elapsed.TotalMicroseconds / workload.Count:F1} µs per record ({cpu:F2} CPU-s)"));
            return perSecond;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static long Apply(WriterStatements s, NormalizedRecord record, Dictionary<IdentifierKey, string> owners, Dictionary<string, long> versions, long sequence, long now)
    {
        var find = s.FindRecord;
        find[0] = record.Source;
        find[1] = record.RecordId;
        if (find.Scalar() is not null)
        {
            return sequence;
        }

        string? profileId = null;
        foreach (var identifier in record.Identifiers)
        {
            if (owners.TryGetValue(identifier.Key, out var owner))
            {
                profileId = owner;
                break;
            }
        }

        var occurred = record.OccurredAt.UtcTicks;
        var created = profileId is null;
        profileId ??= ProfileIds.ForRecord(record.Source, record.RecordId);
        foreach (var identifier in record.Identifiers)
        {
            if (owners.TryAdd(identifier.Key, profileId))
            {
                var insert = s.InsertIdentifier;
                insert[0] = identifier.Key.Type;
                insert[1] = identifier.Key.Value;
                insert[2] = profileId;
                insert[3] = identifier.RawValue;
                insert[4] = occurred;
                insert.Execute();
            }
        }

        var row = s.InsertRecord;
        row[0] = record.Source;
        row[1] = record.RecordId;
        row[2] = profileId;
        row[3] = occurred;
        row[4] = record.Event;
        row[5] = record.Event is null ? 0 : 1;
        row[6] = StoredJson.WriteMap(record.Properties);
        row[7] = StoredJson.WriteMap(record.Traits);
        row[8] = StoredJson.WriteKeys(record.Identifiers);
        row.Execute();

        var version = versions.TryGetValue(profileId, out var known) ? known + 1 : 1;
        versions[profileId] = version;
        if (created)
        {
            var insert = s.InsertProfile;
            insert[0] = profileId;
            insert[1] = occurred;
            insert[2] = now;
            insert[3] = version;
            insert[4] = null;
            insert[5] = 0;
            insert[6] = null;
            insert[7] = null;
            insert[8] = 0;
            insert[9] = occurred;
            insert[10] = null;
            insert[11] = record.Source;
            insert.Execute();
        }
        else
        {
            var update = s.UpdateActivity;
            update[0] = profileId;
            update[1] = now;
            update[2] = version;
            update[3] = 0;
            update[4] = occurred;
            update.Execute();
        }

        var change = s.InsertChange;
        change[0] = sequence + 1;
        change[1] = (int)(created ? ChangeKind.ProfileCreated : ChangeKind.IdentifiersChanged);
        change[2] = profileId;
        change[3] = now;
        change[4] = null;
        change[5] = null;
        change[6] = null;
        change[7] = null;
        change[8] = string.Concat(record.Source, "/", record.RecordId);
        change[9] = null;
        change.Execute();
        return sequence + 1;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
