namespace ProfileHub.Server.Errors;

/// <summary>A batch or page request over its documented limit; answered with RESOURCE_EXHAUSTED.</summary>
internal sealed class RequestTooLargeException(string field, int count, int limit)
    : Exception($"{field}: {count} items exceed the limit of {limit} per request");
