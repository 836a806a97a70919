using System.Text;
using System.Buffers.Text;
using ProfileHub.Core.Errors;

namespace ProfileHub.Server.Mapping;

/// <summary>
/// Opaque page tokens for stage listings: they carry the query they belong to, so a token used
/// with another stage or filter is refused instead of silently returning the wrong page.
/// </summary>
internal static class StagePageToken
{
    private const char Separator = '\u001f';

    public static string Encode(string stage, bool? atRisk, string lastProfileId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator, "1", stage, Filter(atRisk), lastProfileId)));

    /// <summary>The last profile id of the previous page, or null for the first page.</summary>
    public static string? Decode(string token, string stage, bool? atRisk)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(Separator);
        }
        catch (FormatException)
        {
            throw new InvalidFieldException("page_token", "not a page token issued by this service");
        }

        if (parts.Length != 4 || parts[0] != "1")
        {
            throw new InvalidFieldException("page_token", "not a page token issued by this service");
        }

        if (parts[1] != stage || parts[2] != Filter(atRisk))
        {
            throw new InvalidFieldException("page_token", "belongs to a listing with a different stage or at_risk filter");
        }

        return parts[3];
    }

    private static string Filter(bool? atRisk) => atRisk switch { null => "*", true => "1", false => "0" };
}
