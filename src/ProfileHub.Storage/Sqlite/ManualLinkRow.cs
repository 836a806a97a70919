namespace ProfileHub.Storage.Sqlite;

/// <summary>A row of <c>manual_links</c>.</summary>
internal sealed class ManualLinkRow
{
    public long AuditId { get; set; }

    public long At { get; set; }

    public string AType { get; set; } = string.Empty;

    public string AValue { get; set; } = string.Empty;

    public string BType { get; set; } = string.Empty;

    public string BValue { get; set; } = string.Empty;
}
