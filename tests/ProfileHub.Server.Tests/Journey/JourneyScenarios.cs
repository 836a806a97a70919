using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Journey;

/// <summary>The journeys of the product brief, as records, with the stage each record is expected to enter.</summary>
public static class JourneyScenarios
{
    /// <summary>Retail: ad click → product views → cart → purchase → repeat purchase → NPS 10.</summary>
    public static List<(Record Record, string? Enters)> Retail(string person, DateTimeOffset start)
    {
        var cookie = Id("device_id", $"{person}-cookie");
        var email = Id("email", $"{person}@shop.example");
        return
        [
            (Event("web", $"{person}-r1", start, "ad_clicked", cookie), "awareness"),
            (Event("web", $"{person}-r2", start.AddHours(1), "product_viewed", cookie), "consideration"),
            (Event("web", $"{person}-r3", start.AddHours(2), "product_viewed", cookie), null),
            (Event("web", $"{person}-r4", start.AddHours(3), "cart_added", cookie, email), "decision"),
            (Event("web", $"{person}-r5", start.AddHours(4), "purchase_completed", cookie, email).WithProperty("amount", "59.90"), "onboarding"),
            (Event("email", $"{person}-r6", start.AddDays(2), "email_opened", email), null),
            (Event("web", $"{person}-r7", start.AddDays(10), "purchase_completed", email), "adoption"),
            (Event("email", $"{person}-r8", start.AddDays(12), "nps_submitted", email).WithProperty("score", "10"), "advocacy"),
        ];
    }

    /// <summary>B2B: webinar → pricing → demo request → subscription → three active weeks.</summary>
    public static List<(Record Record, string? Enters)> BusinessToBusiness(string person, DateTimeOffset start)
    {
        var email = Id("email", $"{person}@corp.example");
        var user = Id("user_id", $"{person}-user");
        return
        [
            (Event("email", $"{person}-b1", start, "webinar_attended", email), "consideration"),
            (Event("web", $"{person}-b2", start.AddDays(1), "pricing_viewed", email), null),
            (Event("web", $"{person}-b3", start.AddDays(3), "demo_requested", email), "decision"),
            (Event("crm", $"{person}-b4", start.AddDays(10), "subscription_started", email, user), "onboarding"),
            (Event("web", $"{person}-b5", start.AddDays(17), "page_viewed", user), null),
            (Event("web", $"{person}-b6", start.AddDays(24), "page_viewed", user), null),
            (Event("web", $"{person}-b7", start.AddDays(31), "page_viewed", user), "adoption"),
        ];
    }
}
