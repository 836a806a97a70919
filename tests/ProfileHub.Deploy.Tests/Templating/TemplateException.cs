namespace ProfileHub.Deploy.Tests.Templating;

/// <summary>A template that does not parse or render: a syntax error, a missing value, <c>fail</c> or <c>required</c>.</summary>
public sealed class TemplateException(string message) : Exception(message);
