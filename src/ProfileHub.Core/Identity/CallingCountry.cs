namespace ProfileHub.Core.Identity;

/// <summary>Dialling facts of one country, used to turn national phone numbers into E.164.</summary>
/// <param name="Country">ISO 3166 alpha-2 code.</param>
/// <param name="CallingCode">Country calling code without <c>+</c>.</param>
/// <param name="TrunkPrefix">National trunk prefix dropped before the calling code is added (empty when none).</param>
/// <param name="InternationalPrefix">Prefix dialled before a calling code from this country (e.g. <c>00</c>, <c>011</c>).</param>
public sealed record CallingCountry(string Country, string CallingCode, string TrunkPrefix, string InternationalPrefix);
