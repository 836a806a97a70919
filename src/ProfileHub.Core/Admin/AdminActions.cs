namespace ProfileHub.Core.Admin;

/// <summary>The actions an <see cref="AuditEntry"/> names.</summary>
public static class AdminActions
{
    /// <summary>A manual merge.</summary>
    public const string Merge = "merge";

    /// <summary>A forced manual merge that broke an identifier limit.</summary>
    public const string ForcedMerge = "merge-forced";

    /// <summary>A split by identifier or record.</summary>
    public const string Split = "split";

    /// <summary>An erasure.</summary>
    public const string Forget = "forget";
}
