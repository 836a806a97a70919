using ProfileHub.Core.Changes;

namespace ProfileHub.Storage.Sqlite;

/// <summary>Recomputes every staged profile's at-risk flag, serialized with ingest through the writer.</summary>
internal sealed class AtRiskSweep(DateTimeOffset now) : WriteRequest<int>
{
    public override int Size => 1;

    protected override int Run(WriterSession session)
    {
        var statements = session.Statements;
        var flips = new List<(string ProfileId, bool AtRisk)>();
        using (var reader = statements.SweepCandidates.Read())
        {
            while (reader.Read())
            {
                var order = reader.GetInt32(1);
                var lastActivity = reader.IsDBNull(2) ? (DateTimeOffset?)null : StoredTime.FromTicks(reader.GetInt64(2));
                var current = reader.GetInt64(3) != 0;
                var atRisk = session.Rules.IsAtRisk(order, lastActivity, now);
                if (atRisk != current)
                {
                    flips.Add((reader.GetString(0), atRisk));
                }
            }
        }

        foreach (var (profileId, atRisk) in flips)
        {
            var update = statements.SetAtRisk;
            update[0] = profileId;
            update[1] = atRisk ? 1 : 0;
            update[2] = session.NowTicks;
            update.Execute();
            if (session.States.TryGetCached(profileId, out var state))
            {
                state.AtRisk = atRisk;
                state.Version++;
            }

            session.Changes.Append(ChangeKind.AtRiskChanged, profileId, session.NowTicks, "sweep", atRisk: atRisk);
        }

        return flips.Count;
    }
}
