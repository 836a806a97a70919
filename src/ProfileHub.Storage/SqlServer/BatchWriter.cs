using Dapper;
using Microsoft.Data.SqlClient;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// Writes a resolved batch in one round trip: every table's rows travel as one table-valued
/// parameter and each statement is set-based. Change sequences are reserved last, so the counter
/// row is held only for the tail of the transaction.
/// </summary>
internal sealed class BatchWriter(SqlConnection connection, SqlTransaction transaction, int timeoutSeconds)
{
    /// <summary>Writes the batch; returns the last change sequence it appended, or null when it appended none.</summary>
    public async Task<long?> WriteAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        var statements = new List<string>();
        var parameters = new DynamicParameters();
        parameters.Add("@Now", batch.NowTicks);

        var moves = batch.Moves.ToList();
        if (moves.Count > 0)
        {
            parameters.Add("@Moves", TableValues.Moves(moves).AsTableValuedParameter(TableValues.MovesType));
            parameters.Add("@Merges", TableValues.Merges(batch.Merges).AsTableValuedParameter(TableValues.MergesType));
            statements.AddRange([
                SqlServerSql.RepointIdentifiers,
                SqlServerSql.RepointPeople,
                SqlServerSql.DeleteMovedPeople,
                SqlServerSql.RepointRecords,
                SqlServerSql.RepointAliases,
                SqlServerSql.DeleteMovedTransitions,
                SqlServerSql.DeleteMovedProfiles,
                SqlServerSql.InsertAliases,
                SqlServerSql.InsertMerges,
            ]);
        }

        var identifiers = batch.Identifiers.Where(i => i.IsNew || i.Dirty).ToList();
        if (identifiers.Count > 0)
        {
            parameters.Add("@Identifiers", TableValues.Identifiers(identifiers, batch.Resolve).AsTableValuedParameter(TableValues.IdentifiersType));
            statements.AddRange([SqlServerSql.UpdateIdentifiers, SqlServerSql.InsertIdentifiers]);
        }

        if (batch.Guard.ChangedLinks.Count > 0)
        {
            parameters.Add("@LinkKeys", TableValues.IdentifierKeys(batch.Guard.ChangedLinks).AsTableValuedParameter(TableValues.IdentifierKeysType));
            parameters.Add("@Links", TableValues.Links(batch.Guard).AsTableValuedParameter(TableValues.LinksType));
            statements.AddRange([SqlServerSql.DeleteLinks, SqlServerSql.InsertLinks]);
        }

        if (batch.Guard.Quarantined.Count > 0)
        {
            parameters.Add("@Quarantines", TableValues.Quarantines(batch.Guard).AsTableValuedParameter(TableValues.QuarantinesType));
            statements.AddRange([SqlServerSql.DeleteQuarantines, SqlServerSql.InsertQuarantines]);
        }

        if (batch.PeopleAdded.Count > 0)
        {
            var people = batch.PeopleAdded.Select(p => (p.Key, batch.Resolve(p.Person)));
            parameters.Add("@People", TableValues.People(people).AsTableValuedParameter(TableValues.PeopleType));
            statements.Add(SqlServerSql.InsertPeople);
        }

        if (batch.Records.Count > 0)
        {
            parameters.Add("@Records", TableValues.Records(batch.Records, batch.Resolve).AsTableValuedParameter(TableValues.RecordsType));
            statements.Add(SqlServerSql.InsertRecords);
        }

        var (cuts, transitions) = TableValues.Transitions(batch.Profiles);
        if (cuts.Rows.Count > 0)
        {
            parameters.Add("@Cuts", cuts.AsTableValuedParameter(TableValues.CutsType));
            statements.Add(SqlServerSql.CutTransitions);
        }

        if (transitions.Rows.Count > 0)
        {
            parameters.Add("@Transitions", transitions.AsTableValuedParameter(TableValues.TransitionsType));
            statements.Add(SqlServerSql.InsertTransitions);
        }

        var profiles = batch.Profiles.Where(p => p.Persist).ToList();
        if (profiles.Count > 0)
        {
            parameters.Add("@Profiles", TableValues.Profiles(profiles).AsTableValuedParameter(TableValues.ProfilesType));
            statements.AddRange([SqlServerSql.UpdateProfiles, SqlServerSql.InsertProfiles]);
        }

        if (batch.Changes.Count == 0)
        {
            if (statements.Count > 0)
            {
                await connection.ExecuteAsync(Command(statements, parameters, cancellationToken));
            }

            return null;
        }

        parameters.Add("@Count", (long)batch.Changes.Count);
        parameters.Add("@Changes", TableValues.Changes(batch.Changes).AsTableValuedParameter(TableValues.ChangesType));
        statements.AddRange([SqlServerSql.ReserveChangeSequences, SqlServerSql.InsertChanges, SqlServerSql.ReservedLastSequence]);
        return await connection.ExecuteScalarAsync<long>(Command(statements, parameters, cancellationToken));
    }

    private CommandDefinition Command(List<string> statements, DynamicParameters parameters, CancellationToken cancellationToken) =>
        new(SqlServerSql.Join(statements), parameters, transaction, timeoutSeconds, cancellationToken: cancellationToken);
}
