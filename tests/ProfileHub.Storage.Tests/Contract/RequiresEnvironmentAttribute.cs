namespace ProfileHub.Storage.Tests.Contract;

/// <summary>The contract tests of this class are skipped with <see cref="Reason"/> while <see cref="Variable"/> is empty.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;

    public string Reason { get; } = reason;

    /// <summary>The skip reason for <paramref name="testClass"/>, or null when it may run.</summary>
    public static string? SkipReason(Type testClass)
    {
        var required = (RequiresEnvironmentAttribute?)GetCustomAttribute(testClass, typeof(RequiresEnvironmentAttribute), inherit: true);
        return required is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(required.Variable)) ? required.Reason : null;
    }
}
