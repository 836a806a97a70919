namespace ProfileHub.Core.Identity;

/// <summary>
/// The countries whose national phone numbers can be normalized (about fifty of the most common),
/// with their calling codes and trunk prefixes.
/// </summary>
public static class CallingCountries
{
    private static readonly Dictionary<string, CallingCountry> ByCountry = new CallingCountry[]
    {
        new("US", "1", "1", "011"), new("CA", "1", "1", "011"),
        new("GB", "44", "0", "00"), new("IE", "353", "0", "00"),
        new("DE", "49", "0", "00"), new("AT", "43", "0", "00"), new("CH", "41", "0", "00"),
        new("FR", "33", "0", "00"), new("BE", "32", "0", "00"), new("NL", "31", "0", "00"),
        new("LU", "352", "", "00"),
        // Italy, Spain, Portugal, Poland, Greece, Nordics: no trunk prefix (a leading 0 is part of the number).
        new("IT", "39", "", "00"), new("ES", "34", "", "00"), new("PT", "351", "", "00"),
        new("PL", "48", "", "00"), new("GR", "30", "", "00"), new("CZ", "420", "", "00"),
        new("DK", "45", "", "00"), new("NO", "47", "", "00"), new("SE", "46", "0", "00"),
        new("FI", "358", "0", "00"), new("HU", "36", "06", "00"), new("RO", "40", "0", "00"),
        new("UA", "380", "0", "00"), new("RU", "7", "8", "810"), new("TR", "90", "0", "00"),
        new("IL", "972", "0", "00"), new("AE", "971", "0", "00"), new("SA", "966", "0", "00"),
        new("EG", "20", "0", "00"), new("ZA", "27", "0", "00"), new("NG", "234", "0", "009"),
        new("KE", "254", "0", "000"), new("IN", "91", "0", "00"), new("PK", "92", "0", "00"),
        new("CN", "86", "0", "00"), new("JP", "81", "0", "010"), new("KR", "82", "0", "001"),
        new("TW", "886", "0", "002"), new("HK", "852", "", "001"), new("SG", "65", "", "000"),
        new("MY", "60", "0", "00"), new("TH", "66", "0", "001"), new("ID", "62", "0", "001"),
        new("PH", "63", "0", "00"), new("VN", "84", "0", "00"), new("AU", "61", "0", "0011"),
        new("NZ", "64", "0", "00"), new("MX", "52", "", "00"), new("BR", "55", "0", "00"),
        new("AR", "54", "0", "00"), new("CL", "56", "", "00"), new("CO", "57", "", "00"),
        new("PE", "51", "0", "00"),
    }.ToDictionary(c => c.Country, StringComparer.OrdinalIgnoreCase);

    /// <summary>All known countries, by ISO code.</summary>
    public static IReadOnlyCollection<CallingCountry> All => ByCountry.Values;

    /// <summary>Finds a country by ISO 3166 alpha-2 code (case-insensitive).</summary>
    public static bool TryGet(string country, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CallingCountry? found) =>
        ByCountry.TryGetValue(country ?? string.Empty, out found);
}
