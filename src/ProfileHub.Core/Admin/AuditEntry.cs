namespace ProfileHub.Core.Admin;

/// <summary>One recorded admin action.</summary>
/// <param name="Id">Strictly increasing id.</param>
/// <param name="At">When the action was committed.</param>
/// <param name="Actor">Who did it (the authenticated caller, or <c>anonymous</c>).</param>
/// <param name="Action">What was done, one of <see cref="AdminActions"/>.</param>
/// <param name="Reason">Why, as given by the operator.</param>
/// <param name="ProfileIds">The profile ids involved (survivor first).</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Reason, IReadOnlyList<string> ProfileIds);
