using System.Text.Json;

namespace ProfileHub.Cli.Tests.Infrastructure;

/// <summary>
/// Expectations read from the sample files themselves (not from the server), so the tests check the service
/// against the data rather than against its own earlier answers.
/// </summary>
public static class SampleFacts
{
    public static IReadOnlyList<JsonElement> Jsonl(string name) =>
        File.ReadLines(RepositoryLayout.Sample(name)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static int LineCount(string name) =>
        name.EndsWith(".csv", StringComparison.Ordinal)
            ? File.ReadLines(RepositoryLayout.Sample(name)).Count() - 1
            : File.ReadLines(RepositoryLayout.Sample(name)).Count(l => l.Length > 0);

    public static string? Identifier(JsonElement record, string type) =>
        record.GetProperty("identifiers").EnumerateArray()
            .Where(i => i.GetProperty("type").GetString() == type)
            .Select(i => i.GetProperty("value").GetString())
            .FirstOrDefault();

    /// <summary>An email whose owner sent an NPS score of 9 or 10: the advocacy rule holds for that person.</summary>
    public static string PromoterEmail() =>
        Jsonl("support_tickets.jsonl")
            .Where(r => r.GetProperty("event").GetString() == "nps_submitted" && int.Parse(r.GetProperty("properties").GetProperty("score").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 9)
            .Select(r => Identifier(r, "email")!)
            .First();

    /// <summary>An email platform id whose person only ever opened a newsletter: awareness and nothing more.</summary>
    public static string OnlyOpenedEspId()
    {
        var email = Jsonl("email_events.jsonl");
        var clicked = email.Where(r => r.GetProperty("event").GetString() != "email_opened").Select(r => Identifier(r, "esp_id")).ToHashSet();
        var signedUp = Jsonl("web_events.jsonl").Select(r => Identifier(r, "email")).Where(e => e is not null).ToHashSet();
        return email.Where(r => !clicked.Contains(Identifier(r, "esp_id")) && !signedUp.Contains(Identifier(r, "email")))
            .Select(r => Identifier(r, "esp_id")!)
            .First();
    }

    /// <summary>
    /// A phone app that browsed anonymously and later signed up: its profile must hold the person's desktop too.
    /// Without a purchase the person cannot have reached adoption or advocacy yet.
    /// </summary>
    public static (string MobileDevice, string UserId, string Email) CrossDeviceSignUp(bool withoutPurchase = false)
    {
        var web = Jsonl("web_events.jsonl");
        var buyers = web.Where(r => r.GetProperty("event").GetString() == "purchase_completed").Select(r => Identifier(r, "user_id")).ToHashSet();
        var anonymousApps = web.Where(r => r.GetProperty("identifiers").GetArrayLength() == 1 && Identifier(r, "device_id") is { } d && d.StartsWith("app-", StringComparison.Ordinal))
            .Select(r => Identifier(r, "device_id")).ToHashSet();
        var signUp = web.First(r => r.GetProperty("event").GetString() == "signed_up" && anonymousApps.Contains(Identifier(r, "device_id"))
            && !(withoutPurchase && buyers.Contains(Identifier(r, "user_id"))));
        return (Identifier(signUp, "device_id")!, Identifier(signUp, "user_id")!, Identifier(signUp, "email")!);
    }

    /// <summary>User ids that logged in on the shared lobby kiosk.</summary>
    public static IReadOnlyList<string> KioskUsers() =>
        Jsonl("web_events.jsonl").Where(r => Identifier(r, "device_id") == "web-kiosk-lobby-01").Select(r => Identifier(r, "user_id")!).ToList();
}
