using Google.Protobuf;
using Google.Protobuf.Reflection;
using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc;

/// <summary>
/// Binds typed handlers to the methods of one service descriptor. Every bind is checked against the
/// descriptor immediately (method exists, streaming kind, request and response types) and fails with
/// <see cref="InvalidOperationException"/> at start-up rather than on the first call.
/// </summary>
public sealed class GrpcServiceBinder
{
    private readonly Dictionary<string, ServerMethodBinding> _bindings = new(StringComparer.Ordinal);

    internal GrpcServiceBinder(ServiceDescriptor service)
    {
        Service = service;
    }

    /// <summary>The service being bound.</summary>
    public ServiceDescriptor Service { get; }

    internal IReadOnlyDictionary<string, ServerMethodBinding> Bindings => _bindings;

    /// <summary>Streaming calls are cancelled when the application stops; health Watch opts out to send its final NOT_SERVING.</summary>
    internal bool CancelStreamsOnShutdown { get; set; } = true;

    /// <summary>Binds a unary method.</summary>
    /// <typeparam name="TRequest">The descriptor's input type.</typeparam>
    /// <typeparam name="TResponse">The descriptor's output type.</typeparam>
    /// <param name="methodName">The method's simple name as in the .proto.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This binder.</returns>
    public GrpcServiceBinder Unary<TRequest, TResponse>(string methodName, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        Check<TRequest, TResponse>(methodName, clientStreaming: false, serverStreaming: false);
        var parser = ServerMethodBinding.ParserFor<TRequest>();
        _bindings.Add(methodName, new ServerMethodBinding((runtime, name) => new UnaryMethodEndpoint<TRequest, TResponse>(runtime, name, parser, handler)));
        return this;
    }

    /// <summary>Binds a server-streaming method.</summary>
    /// <typeparam name="TRequest">The descriptor's input type.</typeparam>
    /// <typeparam name="TResponse">The descriptor's output type.</typeparam>
    /// <param name="methodName">The method's simple name as in the .proto.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This binder.</returns>
    public GrpcServiceBinder ServerStreaming<TRequest, TResponse>(string methodName, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        Check<TRequest, TResponse>(methodName, clientStreaming: false, serverStreaming: true);
        var parser = ServerMethodBinding.ParserFor<TRequest>();
        _bindings.Add(methodName, new ServerMethodBinding((runtime, name) => new ServerStreamingMethodEndpoint<TRequest, TResponse>(runtime, name, parser, handler, CancelStreamsOnShutdown)));
        return this;
    }

    /// <summary>Binds a client-streaming method.</summary>
    /// <typeparam name="TRequest">The descriptor's input type.</typeparam>
    /// <typeparam name="TResponse">The descriptor's output type.</typeparam>
    /// <param name="methodName">The method's simple name as in the .proto.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This binder.</returns>
    public GrpcServiceBinder ClientStreaming<TRequest, TResponse>(string methodName, ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        Check<TRequest, TResponse>(methodName, clientStreaming: true, serverStreaming: false);
        var parser = ServerMethodBinding.ParserFor<TRequest>();
        _bindings.Add(methodName, new ServerMethodBinding((runtime, name) => new ClientStreamingMethodEndpoint<TRequest, TResponse>(runtime, name, parser, handler, CancelStreamsOnShutdown)));
        return this;
    }

    /// <summary>Binds a bidirectional-streaming method.</summary>
    /// <typeparam name="TRequest">The descriptor's input type.</typeparam>
    /// <typeparam name="TResponse">The descriptor's output type.</typeparam>
    /// <param name="methodName">The method's simple name as in the .proto.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This binder.</returns>
    public GrpcServiceBinder DuplexStreaming<TRequest, TResponse>(string methodName, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        Check<TRequest, TResponse>(methodName, clientStreaming: true, serverStreaming: true);
        var parser = ServerMethodBinding.ParserFor<TRequest>();
        _bindings.Add(methodName, new ServerMethodBinding((runtime, name) => new DuplexStreamingMethodEndpoint<TRequest, TResponse>(runtime, name, parser, handler, CancelStreamsOnShutdown)));
        return this;
    }

    internal GrpcServiceBinder WithoutShutdownCancellation()
    {
        CancelStreamsOnShutdown = false;
        return this;
    }

    internal static string KindOf(bool clientStreaming, bool serverStreaming) => (clientStreaming, serverStreaming) switch
    {
        (false, false) => "unary",
        (false, true) => "server-streaming",
        (true, false) => "client-streaming",
        _ => "bidirectional-streaming",
    };

    private void Check<TRequest, TResponse>(string methodName, bool clientStreaming, bool serverStreaming)
    {
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        var method = Service.FindMethodByName(methodName)
            ?? throw new InvalidOperationException($"Service '{Service.FullName}' has no method '{methodName}' (its methods: {string.Join(", ", Service.Methods.Select(m => m.Name))}).");
        if (method.IsClientStreaming != clientStreaming || method.IsServerStreaming != serverStreaming)
        {
            throw new InvalidOperationException(
                $"Method '/{Service.FullName}/{methodName}' is {KindOf(method.IsClientStreaming, method.IsServerStreaming)} but was bound as {KindOf(clientStreaming, serverStreaming)}.");
        }

        if (method.InputType.ClrType != typeof(TRequest))
        {
            throw new InvalidOperationException($"Method '/{Service.FullName}/{methodName}' takes '{method.InputType.FullName}' but the handler takes '{typeof(TRequest).FullName}'.");
        }

        if (method.OutputType.ClrType != typeof(TResponse))
        {
            throw new InvalidOperationException($"Method '/{Service.FullName}/{methodName}' returns '{method.OutputType.FullName}' but the handler returns '{typeof(TResponse).FullName}'.");
        }

        if (_bindings.ContainsKey(methodName))
        {
            throw new InvalidOperationException($"Method '/{Service.FullName}/{methodName}' is bound twice.");
        }
    }
}
