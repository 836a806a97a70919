namespace ProfileHub.Deploy.Tests.Templating;

/// <summary>A parsed piece of a Go template.</summary>
public abstract record TemplateNode;

/// <summary>Literal text.</summary>
public sealed record TextNode(string Text) : TemplateNode;

/// <summary><c>{{ pipeline }}</c> or <c>{{ $var := pipeline }}</c>.</summary>
public sealed record ActionNode(string Pipeline, string? Variable) : TemplateNode;

/// <summary><c>if</c>, <c>with</c> or <c>range</c> with its body and optional else branch (an else-if is an if inside Else).</summary>
public sealed record BlockNode(string Keyword, string Pipeline, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode>? Else) : TemplateNode;
