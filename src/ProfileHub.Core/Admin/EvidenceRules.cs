namespace ProfileHub.Core.Admin;

/// <summary>The linking rules an <see cref="EvidenceEdge"/> names.</summary>
public static class EvidenceRules
{
    /// <summary>The two identifiers were observed together in one record.</summary>
    public const string CoObserved = "co-observed";

    /// <summary>An operator merged the two profiles by hand.</summary>
    public const string ManualMerge = "manual-merge";
}
