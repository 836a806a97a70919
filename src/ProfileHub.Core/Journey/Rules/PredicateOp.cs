namespace ProfileHub.Core.Journey.Rules;

/// <summary>Comparison of a property predicate.</summary>
internal enum PredicateOp
{
    Eq,
    Neq,
    In,
    Gt,
    Gte,
    Lt,
    Lte,
    Exists,
}
