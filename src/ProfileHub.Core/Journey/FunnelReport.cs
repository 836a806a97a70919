namespace ProfileHub.Core.Journey;

/// <summary>Funnel numbers over a set of profile timelines.</summary>
/// <param name="Stages">Figures per catalog stage, in catalog order.</param>
/// <param name="Profiles">How many timelines were counted (including those that reached no stage).</param>
public sealed record FunnelReport(IReadOnlyList<FunnelStageFigures> Stages, int Profiles);
