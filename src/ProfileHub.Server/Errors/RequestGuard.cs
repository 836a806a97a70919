using System.Runtime.CompilerServices;
using ProfileHub.Core.Errors;

namespace ProfileHub.Server.Errors;

/// <summary>Request-shape checks that name the offending field, shared by the gRPC services.</summary>
internal static class RequestGuard
{
    public static void Required(string? value, [CallerArgumentExpression(nameof(value))] string field = "")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidFieldException(FieldName(field), "is required");
        }
    }

    public static void Count(int count, int min, int max, string field)
    {
        if (count > max)
        {
            throw new RequestTooLargeException(field, count, max);
        }

        if (count < min)
        {
            throw new InvalidFieldException(field, $"at least {min} item(s) required");
        }
    }

    public static int PageSize(int requested, int defaultSize, int max, string field)
    {
        if (requested < 0)
        {
            throw new InvalidFieldException(field, "must not be negative");
        }

        if (requested > max)
        {
            throw new InvalidFieldException(field, $"must be at most {max}");
        }

        return requested == 0 ? defaultSize : requested;
    }

    // "request.Stage" → "stage": callers pass proto properties; the wire names are snake_case.
    private static string FieldName(string expression)
    {
        var lastDot = expression.LastIndexOf('.');
        var name = lastDot >= 0 ? expression[(lastDot + 1)..] : expression;
        return ToSnakeCase(name);
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
