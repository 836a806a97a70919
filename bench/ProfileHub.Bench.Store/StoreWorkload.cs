using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;

namespace ProfileHub.Bench.Store;

/// <summary>
/// Realistic multi-source records: people with several devices, an email, often a CRM id and a
/// login; web events from devices (logged in now and then), email events, CRM and support rows
/// with traits; a few shared devices. Deterministic for a seed.
/// </summary>
internal static class StoreWorkload
{
    private static readonly string[] WebEvents =
        ["page_viewed", "page_viewed", "page_viewed", "product_viewed", "product_viewed", "pricing_viewed", "cart_added", "checkout_started", "purchase_completed"];

    private static readonly string[] EmailEvents = ["email_opened", "email_opened", "email_clicked"];

    public static List<NormalizedRecord> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var people = Math.Max(10, count / 12);
        var sharedDevices = Math.Max(1, people / 50);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var records = new List<NormalizedRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var person = random.Next(people);
            var at = start.AddMinutes(i);
            var roll = random.Next(100);
            var id = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (roll < 70)
            {
                var device = random.Next(100) < 2 ? $"shared-{random.Next(sharedDevices)}" : $"dev-{person}-{random.Next(3)}";
                var identifiers = new List<ObservedIdentifier> { Observed("device_id", device) };
                if (random.Next(100) < 15)
                {
                    identifiers.Add(Observed("user_id", $"user-{person}"));
                }

                records.Add(Record("web", id, at, WebEvents[random.Next(WebEvents.Length)], identifiers, Properties(random), Empty));
            }
            else if (roll < 88)
            {
                var identifiers = new List<ObservedIdentifier> { Observed("esp_id", $"esp-{person}"), Observed("email", $"p{person}@example.com") };
                if (random.Next(100) < 20)
                {
                    identifiers.Add(Observed("device_id", $"dev-{person}-{random.Next(3)}"));
                }

                records.Add(Record("email", id, at, EmailEvents[random.Next(EmailEvents.Length)], identifiers, Empty, Empty));
            }
            else if (roll < 96)
            {
                var traits = new Dictionary<string, string> { ["name"] = $"Person {person}", ["plan"] = random.Next(2) == 0 ? "basic" : "pro" };
                records.Add(Record(
                    "crm", id, at, null,
                    [Observed("crm_id", $"crm-{person}"), Observed("email", $"p{person}@example.com"), Observed("user_id", $"user-{person}")],
                    Empty, traits));
            }
            else
            {
                records.Add(Record(
                    "support", id, at, "ticket_opened",
                    [Observed("support_id", $"t-{person}"), Observed("email", $"p{person}@example.com")],
                    Empty, new Dictionary<string, string> { ["country"] = "DE" }));
            }
        }

        return records;
    }

    private static readonly Dictionary<string, string> Empty = [];

    private static Dictionary<string, string> Properties(Random random) =>
        new() { ["page"] = "/p/" + random.Next(500).ToString(System.Globalization.CultureInfo.InvariantCulture), ["campaign"] = "spring" };

    private static ObservedIdentifier Observed(string type, string value) => new(new IdentifierKey(type, value), value);

    private static NormalizedRecord Record(
        string source, string id, DateTimeOffset at, string? eventName, List<ObservedIdentifier> identifiers,
        Dictionary<string, string> properties, Dictionary<string, string> traits) =>
        new(source, id, at, identifiers, eventName, properties, traits, []);
}
