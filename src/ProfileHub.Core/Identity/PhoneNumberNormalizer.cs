using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ProfileHub.Core.Identity;

/// <summary>
/// Phone numbers to E.164: international forms (<c>+44 20 …</c>, <c>0044 20 …</c>) keep their
/// calling code; national forms get the default country's calling code after its trunk prefix is
/// dropped. Formatting (spaces, dots, dashes, parentheses, slashes) is ignored; anything else is
/// rejected, as are numbers with fewer than 7 or more than 15 digits.
/// </summary>
internal sealed class PhoneNumberNormalizer(CallingCountry country)
{
    private const int MinDigits = 7;
    private const int MaxDigits = 15;

    public bool TryNormalize(string raw, out string normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = string.Empty;
        var text = raw.Trim();
        var international = text.StartsWith('+');
        // "+44 (0)20 …" is a common way to show the trunk prefix that must not be dialled from abroad.
        if (international)
            text = text[1..].Replace("(0)", string.Empty, StringComparison.Ordinal);

        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
                digits.Append(c);
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/' or '\u00a0'))
            {
                error = c == '+' ? "'+' is only allowed at the start of a phone number" : "phone number contains characters other than digits and formatting";
                return false;
            }
        }

        var number = digits.ToString();
        string e164Digits;
        if (international)
            e164Digits = number;
        else if (country.InternationalPrefix.Length > 0 && number.StartsWith(country.InternationalPrefix, StringComparison.Ordinal)
                 && number.Length - country.InternationalPrefix.Length >= MinDigits)
            e164Digits = number[country.InternationalPrefix.Length..];
        else
            e164Digits = country.CallingCode + StripTrunk(number);

        if (e164Digits.Length < MinDigits)
        {
            error = "phone number has fewer than 7 digits";
            return false;
        }

        if (e164Digits.Length > MaxDigits)
        {
            error = "phone number has more than 15 digits";
            return false;
        }

        normalized = "+" + e164Digits;
        error = null;
        return true;
    }

    private string StripTrunk(string national)
    {
        var trunk = country.TrunkPrefix;
        if (trunk.Length == 0 || !national.StartsWith(trunk, StringComparison.Ordinal))
            return national;
        // North America: "1 415 555 0100" is the trunk form of a 10-digit number; a 10-digit number
        // starting with 1 does not exist there, so only strip when the length says it is a trunk.
        if (country.CallingCode == "1")
            return national.Length == 11 ? national[1..] : national;
        return national[trunk.Length..];
    }
}
