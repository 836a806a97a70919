using Xunit.Abstractions;
using Xunit.Sdk;

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>A fact whose skip reason comes from its test class's <see cref="RequiresEnvironmentAttribute"/>.</summary>
public sealed class ContractTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ContractTestCase()
    {
    }

    public ContractTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        RequiresEnvironmentAttribute.SkipReason(TestMethod.TestClass.Class.ToRuntimeType()) ?? base.GetSkipReason(factAttribute);
}
