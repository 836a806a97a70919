using Xunit.Sdk;

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>
/// A contract test: it runs in every concrete contract class, and is skipped in a class marked with
/// <see cref="RequiresEnvironmentAttribute"/> whose variable is empty (xunit 2 decides skips at
/// discovery, per test class, through <see cref="ContractTestCase"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("ProfileHub.Storage.Tests.Contract.ContractFactDiscoverer", "ProfileHub.Storage.Tests")]
public sealed class ContractFactAttribute : FactAttribute;
