using ProfileHub.Core.Changes;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Appends change-feed entries. The writer numbers them itself (it is the only writer), so a
/// sequence is known without a round trip; after a rollback the counter is re-read.
/// </summary>
internal sealed class ChangeWriter
{
    private readonly WriterStatements _statements;
    private long _lastSequence;

    public ChangeWriter(WriterStatements statements)
    {
        _statements = statements;
        Reload();
    }

    /// <summary>The newest sequence written on the writer connection (committed or not).</summary>
    public long LastSequence => _lastSequence;

    public void Reload() => _lastSequence = Convert.ToInt64(_statements.LastSequence.Scalar(), System.Globalization.CultureInfo.InvariantCulture);

    public void Append(
        ChangeKind kind,
        string profileId,
        long atTicks,
        string? causedBy,
        IReadOnlyList<string>? ids = null,
        string? fromStage = null,
        string? toStage = null,
        bool? atRisk = null,
        IReadOnlyList<string>? traitNames = null)
    {
        var insert = _statements.InsertChange;
        insert[0] = _lastSequence + 1;
        insert[1] = (int)kind;
        insert[2] = profileId;
        insert[3] = atTicks;
        insert[4] = ids is { Count: > 0 } ? StoredJson.WriteStrings(ids) : null;
        insert[5] = fromStage;
        insert[6] = toStage;
        insert[7] = atRisk is { } risk ? (risk ? 1 : 0) : null;
        insert[8] = causedBy;
        insert[9] = traitNames is { Count: > 0 } ? StoredJson.WriteStrings(traitNames) : null;
        insert.Execute();
        _lastSequence++;
    }
}
