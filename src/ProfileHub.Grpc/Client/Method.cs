using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace ProfileHub.Grpc.Client;

/// <summary>A callable method, checked against its descriptor when created.</summary>
/// <typeparam name="TRequest">The request message.</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private Method(string fullName, MethodType type)
    {
        FullName = fullName;
        Type = type;
    }

    /// <summary>"/package.Service/Method".</summary>
    public string FullName { get; }

    /// <summary>The method's kind.</summary>
    public MethodType Type { get; }

    internal MessageParser<TResponse> ResponseParser { get; } = new(static () => new TResponse());

    /// <summary>Creates the method from a generated service descriptor.</summary>
    /// <param name="service">The service descriptor.</param>
    /// <param name="methodName">The method's simple name.</param>
    /// <returns>The method.</returns>
    /// <exception cref="InvalidOperationException">The method does not exist or its request/response types differ.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Method<TReq, TResp>.Create(descriptor, name) is the agreed call shape; type inference cannot pick the types from a descriptor.")]
    public static Method<TRequest, TResponse> Create(ServiceDescriptor service, string methodName)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        var method = service.FindMethodByName(methodName)
            ?? throw new InvalidOperationException($"Service '{service.FullName}' has no method '{methodName}'.");
        if (method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != typeof(TResponse))
        {
            throw new InvalidOperationException(
                $"Method '/{service.FullName}/{methodName}' maps '{method.InputType.FullName}' to '{method.OutputType.FullName}', not '{typeof(TRequest).Name}' to '{typeof(TResponse).Name}'.");
        }

        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        return new Method<TRequest, TResponse>("/" + service.FullName + "/" + methodName, type);
    }
}
