namespace ProfileHub.Bench.Ingest;

/// <summary>One generated person: the identifiers the company's systems know them by.</summary>
internal sealed class SyntheticPerson(int id, string name)
{
    public int Id { get; } = id;

    public string Name { get; } = name;

    public List<string> Devices { get; } = [];

    public List<string> SharedDevices { get; } = [];

    public List<string> Emails { get; } = [];

    public string? CrmId { get; set; }

    public string? UserId { get; set; }

    public string? Phone { get; set; }

    public string? EspId { get; set; }

    public string? SupportId { get; set; }

    public string Plan { get; set; } = "free";

    public string Country { get; set; } = "US";
}
