namespace ProfileHub.Server.Tests.Security;

/// <summary>One fuzz request: the method, what was done to it, the request body bytes and extra headers.</summary>
public sealed record FuzzCase(string Method, string Kind, byte[] Body, bool SplitAcrossFrames, string? Encoding);
