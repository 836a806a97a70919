using System.Globalization;

namespace ProfileHub.Core.Journey.Rules;

/// <summary>
/// Validates journey settings and turns them into compiled stages. Every problem is reported with
/// the configuration path of the stage and the condition it concerns.
/// </summary>
internal static class RuleCompiler
{
    public static IReadOnlyList<CompiledStage> Compile(IReadOnlyList<StageSettings> stages)
    {
        var orderByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i] ?? throw new JourneyConfigurationException(StagePath(i, null), "stage is empty");
            if (string.IsNullOrWhiteSpace(stage.Key))
            {
                throw new JourneyConfigurationException(StagePath(i, null), "Key is required");
            }

            if (stage.Key.Any(char.IsWhiteSpace))
            {
                throw new JourneyConfigurationException(StagePath(i, stage.Key), "Key must not contain whitespace");
            }

            if (!orderByKey.TryAdd(stage.Key, i + 1))
            {
                throw new JourneyConfigurationException(
                    StagePath(i, stage.Key),
                    $"duplicate Key \"{stage.Key}\" (also Stages:{orderByKey[stage.Key] - 1})");
            }
        }

        var compiled = new List<CompiledStage>(stages.Count);
        var conditionIndex = 0;
        for (var i = 0; i < stages.Count; i++)
        {
            compiled.Add(CompileStage(stages[i], i, orderByKey, ref conditionIndex));
        }

        return compiled;
    }

    private static CompiledStage CompileStage(StageSettings stage, int index, Dictionary<string, int> orderByKey, ref int conditionIndex)
    {
        var path = StagePath(index, stage.Key);
        var order = index + 1;
        var rule = stage.Rule ?? throw new JourneyConfigurationException(path, "Rule is required");
        var afterOrder = 0;
        if (rule.After is not null)
        {
            if (!orderByKey.TryGetValue(rule.After, out afterOrder))
            {
                throw new JourneyConfigurationException(path, $"Rule.After names unknown stage \"{rule.After}\"");
            }

            if (afterOrder >= order)
            {
                throw new JourneyConfigurationException(
                    path,
                    $"Rule.After must name an earlier stage, but \"{rule.After}\" is stage {afterOrder} and this is stage {order}");
            }
        }

        if (rule.AnyOf is null || rule.AnyOf.Count == 0)
        {
            throw new JourneyConfigurationException(path, "Rule.AnyOf is empty: the stage needs at least one condition");
        }

        var conditions = new List<CompiledCondition>(rule.AnyOf.Count);
        for (var c = 0; c < rule.AnyOf.Count; c++)
        {
            var settings = rule.AnyOf[c] ?? throw new JourneyConfigurationException(path, $"condition {c} is empty");
            conditions.Add(CompileCondition(settings, path, c, conditionIndex++, order, afterOrder));
        }

        var displayName = string.IsNullOrWhiteSpace(stage.DisplayName) ? stage.Key : stage.DisplayName;
        var definition = new StageDefinition(stage.Key, displayName, order, RuleSummaryWriter.Write(rule.After, conditions));
        return new CompiledStage(definition, afterOrder, conditions);
    }

    private static CompiledCondition CompileCondition(ConditionSettings settings, string path, int c, int index, int order, int afterOrder)
    {
        if (settings.MinCount < 1)
        {
            throw new JourneyConfigurationException(path, $"condition {c} has MinCount {settings.MinCount}; it must be at least 1");
        }

        if (settings.Within is { } within && within <= TimeSpan.Zero)
        {
            throw new JourneyConfigurationException(path, $"condition {c} has Within {within}; it must be positive");
        }

        if (settings.ActiveDays is < 1)
        {
            throw new JourneyConfigurationException(path, $"condition {c} has ActiveDays {settings.ActiveDays}; it must be at least 1");
        }

        var events = NameSet(settings.Events, path, c, "Events");
        var sources = NameSet(settings.Sources, path, c, "Sources");
        var where = new List<CompiledPredicate>(settings.Where?.Count ?? 0);
        for (var w = 0; w < (settings.Where?.Count ?? 0); w++)
        {
            where.Add(CompilePredicate(settings.Where![w], path, c, w));
        }

        return new CompiledCondition(index, order, afterOrder, events, sources, where, settings.MinCount, settings.Within, settings.ActiveDays);
    }

    private static HashSet<string>? NameSet(List<string>? names, string path, int c, string field)
    {
        if (names is null || names.Count == 0)
        {
            return null;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                throw new JourneyConfigurationException(path, $"condition {c} has an empty name at {field}:{i}");
            }

            set.Add(names[i]);
        }

        return set;
    }

    private static CompiledPredicate CompilePredicate(PredicateSettings predicate, string path, int c, int w)
    {
        if (predicate is null)
        {
            throw new JourneyConfigurationException(path, $"condition {c} has an empty predicate at Where:{w}");
        }

        var where = $"condition {c} predicate Where:{w}";
        if (string.IsNullOrWhiteSpace(predicate.Property))
        {
            throw new JourneyConfigurationException(path, $"{where} has no Property");
        }

        var op = ParseOp(predicate.Op)
            ?? throw new JourneyConfigurationException(
                path,
                $"{where} on \"{predicate.Property}\" has unknown op \"{predicate.Op}\" (expected eq, neq, in, gt, gte, lt, lte or exists)");
        var number = 0m;
        var values = new HashSet<string>(StringComparer.Ordinal);
        switch (op)
        {
            case PredicateOp.Eq or PredicateOp.Neq when predicate.Value is null:
                throw new JourneyConfigurationException(path, $"{where} on \"{predicate.Property}\" has op \"{predicate.Op}\" without a Value");
            case PredicateOp.Gt or PredicateOp.Gte or PredicateOp.Lt or PredicateOp.Lte
                when !CompiledPredicate.TryParseNumber(predicate.Value, out number):
                throw new JourneyConfigurationException(
                    path,
                    $"{where} on \"{predicate.Property}\" has op \"{predicate.Op}\" without a numeric Value (got {Quote(predicate.Value)})");
            case PredicateOp.In when predicate.Values is null || predicate.Values.Count == 0:
                throw new JourneyConfigurationException(path, $"{where} on \"{predicate.Property}\" has op \"in\" without Values");
            case PredicateOp.In:
                values.UnionWith(predicate.Values);
                break;
        }

        return new CompiledPredicate(predicate.Property, op, predicate.Value, number, values);
    }

    private static PredicateOp? ParseOp(string? op) => op?.Trim().ToUpperInvariant() switch
    {
        "EQ" => PredicateOp.Eq,
        "NEQ" => PredicateOp.Neq,
        "IN" => PredicateOp.In,
        "GT" => PredicateOp.Gt,
        "GTE" => PredicateOp.Gte,
        "LT" => PredicateOp.Lt,
        "LTE" => PredicateOp.Lte,
        "EXISTS" => PredicateOp.Exists,
        _ => null,
    };

    private static string Quote(string? value) => value is null ? "nothing" : string.Concat("\"", value, "\"");

    internal static string StagePath(int index, string? key) =>
        key is null
            ? string.Create(CultureInfo.InvariantCulture, $"{JourneySettings.SectionName}:Stages:{index}")
            : string.Create(CultureInfo.InvariantCulture, $"{JourneySettings.SectionName}:Stages:{index} ({key})");
}
