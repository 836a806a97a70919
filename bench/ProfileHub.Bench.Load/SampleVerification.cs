namespace ProfileHub.Bench.Load;

/// <summary>Result of <see cref="SampleVerifier"/>.</summary>
internal sealed record SampleVerification(
    int Records, int Accepted, int IdentifierLookups, int IdentifierNotFound, int ProfileIdLookups, int ProfileIdNotFound, List<string> Problems)
{
    public override string ToString() =>
        $"{Records} sampled records ({Accepted} accepted): {IdentifierLookups} identifier lookups, {IdentifierNotFound} NOT_FOUND; " +
        $"{ProfileIdLookups} profile id lookups, {ProfileIdNotFound} NOT_FOUND";
}
