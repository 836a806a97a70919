namespace ProfileHub.Deploy.Tests.Docker;

/// <summary>One Dockerfile instruction with its continuation lines joined.</summary>
public sealed record DockerInstruction(int Line, string Keyword, string Arguments, int Stage);
