using Microsoft.Extensions.Logging.Console;

namespace ProfileHub.Server.Observability;

/// <summary>
/// <c>ProfileHub:Logging:Format</c>: <c>json</c> (one JSON object per line with scopes, so every line of a call
/// carries its TraceId and SpanId) or <c>text</c> (the console default). Default: json except in Development.
/// </summary>
internal static class LogFormatExtensions
{
    public const string Key = "ProfileHub:Logging:Format";

    public static WebApplicationBuilder AddProfileHubLogFormat(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[Key];
        var format = string.IsNullOrWhiteSpace(configured)
            ? (builder.Environment.IsDevelopment() ? "text" : "json")
            : configured.Trim().ToLowerInvariant();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        switch (format)
        {
            case "json":
                builder.Logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
                    o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
                });
                break;
            case "text":
                builder.Logging.AddConsole(o => o.FormatterName = ConsoleFormatterNames.Simple);
                break;
            default:
                throw new InvalidOperationException($"{Key} is '{configured}': use json or text.");
        }

        return builder;
    }
}
