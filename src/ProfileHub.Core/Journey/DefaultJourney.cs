namespace ProfileHub.Core.Journey;

/// <summary>The default stage catalog of the product design ("The journey model").</summary>
internal static class DefaultJourney
{
    private static readonly TimeSpan AdoptionWindow = TimeSpan.FromDays(30);

    public static List<StageSettings> CreateStages() =>
    [
        Stage("awareness", "Awareness", null, Events("page_viewed", "ad_clicked", "email_opened")),
        Stage("consideration", "Consideration", null,
            Events("product_viewed", "pricing_viewed", "comparison_viewed", "email_clicked", "webinar_attended")),
        Stage("decision", "Decision", null,
            Events("cart_added", "checkout_started", "demo_requested", "trial_started", "quote_requested")),
        Stage("onboarding", "Onboarding", null, Events("purchase_completed", "subscription_started", "welcome_completed")),
        Stage("adoption", "Adoption", "onboarding",
            new ConditionSettings { ActiveDays = 3, Within = AdoptionWindow },
            // A repeat purchase: any purchase after the one that onboarded (After excludes that one).
            new ConditionSettings { Events = ["purchase_completed"] }),
        Stage("advocacy", "Advocacy", null,
            new ConditionSettings
            {
                Events = ["nps_submitted"],
                Where = [new PredicateSettings { Property = "score", Op = "gte", Value = "9" }],
            },
            Events("review_posted", "referral_sent")),
    ];

    private static ConditionSettings Events(params string[] names) => new() { Events = [.. names] };

    private static StageSettings Stage(string key, string displayName, string? after, params ConditionSettings[] anyOf) =>
        new()
        {
            Key = key,
            DisplayName = displayName,
            Rule = new StageRuleSettings { After = after, AnyOf = [.. anyOf] },
        };
}
