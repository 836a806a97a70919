namespace ProfileHub.Deploy.Tests.Templating;

/// <summary>A field that does not exist; falsy in conditions, an error when printed (helm would print "&lt;no value&gt;").</summary>
public sealed record MissingValue(string Path);
