using Grpc.Reflection.V1Alpha;

namespace ProfileHub.Grpc.Internal;

/// <summary>grpc.reflection.v1alpha.ServerReflection over the services mapped on this server.</summary>
internal sealed class ReflectionService(GrpcServiceRegistry registry)
{
    public async Task ServerReflectionInfoAsync(IAsyncStreamReader<ServerReflectionRequest> requests, IServerStreamWriter<ServerReflectionResponse> responses, ServerCallContext context)
    {
        // Built on the first request: by then every service has been mapped.
        ReflectionIndex? index = null;
        while (await requests.MoveNext(context.CancellationToken))
        {
            index ??= new ReflectionIndex(registry.Services);
            await responses.WriteAsync(Answer(requests.Current, index), context.CancellationToken);
        }
    }

    private ServerReflectionResponse Answer(ServerReflectionRequest request, ReflectionIndex index)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                foreach (var service in registry.Services)
                {
                    list.Service.Add(new ServiceResponse { Name = service.FullName });
                }

                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.FindFile(request.FileByFilename), $"File '{request.FileByFilename}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol '{request.FileContainingSymbol}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (index.FindFileContainingSymbol(request.AllExtensionNumbersOfType) is null)
                {
                    SetError(response, StatusCode.NotFound, $"Type '{request.AllExtensionNumbersOfType}' not found.");
                }
                else
                {
                    // proto3 services here declare no extensions: the list is truthfully empty.
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                }

                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                SetError(response, StatusCode.NotFound, $"Extension {request.FileContainingExtension.ExtensionNumber} of '{request.FileContainingExtension.ContainingType}' not found.");
                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "The reflection request names no query.");
                break;
        }

        return response;
    }

    private static void SetFile(ServerReflectionResponse response, Google.Protobuf.Reflection.FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        var files = new FileDescriptorResponse();
        foreach (var each in ReflectionIndex.WithDependencies(file))
        {
            files.FileDescriptorProto.Add(each.SerializedData);
        }

        response.FileDescriptorResponse = files;
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
