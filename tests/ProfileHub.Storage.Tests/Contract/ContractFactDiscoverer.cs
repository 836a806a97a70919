using Xunit.Abstractions;
using Xunit.Sdk;

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests as <see cref="ContractTestCase"/>s.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new ContractTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}
