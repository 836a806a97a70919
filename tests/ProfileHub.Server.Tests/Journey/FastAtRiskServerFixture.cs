using ProfileHub.Server.Tests.Infrastructure;

namespace ProfileHub.Server.Tests.Journey;

/// <summary>A server of its own whose at-risk sweep runs every second and flags a second of onboarded inactivity.</summary>
public sealed class FastAtRiskServerFixture() : ProfileHubServerFixture(
[
    "--ProfileHub:Journey:AtRiskAfter=00:00:01",
    "--ProfileHub:Jobs:AtRiskSweepInterval=00:00:01",
]);
