using System.Buffers;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ProfileHub.Grpc.Internal;

/// <summary>Writes response headers, length-prefixed messages and the final status of a call.</summary>
internal static class GrpcResponseWriter
{
    // Below this size a message is serialized straight into Kestrel's buffer; above it, it goes out with backpressure.
    private const int DirectWriteLimit = 64 * 1024;

    public static void CommitHeaders(ServerCallContext call)
    {
        if (call.HeadersCommitted)
        {
            return;
        }

        call.HeadersCommitted = true;
        var response = call.GetHttpContext().Response;
        response.Headers.ContentType = GrpcProtocol.ContentTypeValue;
        if (call.ResponseEncoding is not null)
        {
            response.Headers[GrpcProtocol.EncodingHeader] = GrpcProtocol.GzipValue;
            response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodingsValue;
        }
    }

    /// <summary>
    /// Writes one message. With <paramref name="flush"/> false a small message stays in Kestrel's buffer and goes
    /// out with the trailers when the call completes: one write for the whole unary response.
    /// </summary>
    public static ValueTask WriteMessageAsync<T>(ServerCallContext call, T message, bool flush, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(message);
        var maxSize = call.Runtime.Options.MaxSendMessageSize;
        var size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} > {maxSize} bytes)."));
        }

        CommitHeaders(call);
        var writer = call.GetHttpContext().Response.BodyWriter;
        if (call.ResponseEncoding is not null)
        {
            var compressed = GzipCodec.Compress(message.ToByteArray());
            var frame = new byte[GrpcProtocol.HeaderSize + compressed.Length];
            GrpcFrame.WriteHeader(frame, compressed: true, compressed.Length);
            compressed.CopyTo(frame.AsSpan(GrpcProtocol.HeaderSize));
            return WriteAndFlushAsync(writer, frame, cancellationToken);
        }

        if (size <= DirectWriteLimit)
        {
            var span = writer.GetSpan(GrpcProtocol.HeaderSize + size);
            GrpcFrame.WriteHeader(span, compressed: false, size);
            message.WriteTo(span.Slice(GrpcProtocol.HeaderSize, size));
            writer.Advance(GrpcProtocol.HeaderSize + size);
            return flush ? FlushAsync(writer, cancellationToken) : ValueTask.CompletedTask;
        }

        var buffer = new byte[GrpcProtocol.HeaderSize + size];
        GrpcFrame.WriteHeader(buffer, compressed: false, size);
        message.WriteTo(buffer.AsSpan(GrpcProtocol.HeaderSize));
        return WriteAndFlushAsync(writer, buffer, cancellationToken);
    }

    /// <summary>Ends the call: trailers after messages, or a trailers-only response when nothing was sent.</summary>
    public static void WriteStatus(ServerCallContext call, Status status)
    {
        var response = call.GetHttpContext().Response;
        if (!call.HeadersCommitted && !response.HasStarted)
        {
            // Trailers-only: status and trailing metadata travel in the single HEADERS frame (END_STREAM).
            response.StatusCode = StatusCodes.Status200OK;
            var headers = response.Headers;
            headers.ContentType = GrpcProtocol.ContentTypeValue;
            headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusValue(status.Code);
            if (!string.IsNullOrEmpty(status.Detail))
            {
                headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
            }

            if (status.Code == StatusCode.Unimplemented || status.Code == StatusCode.Internal)
            {
                headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodingsValue;
            }

            if (call.HasResponseTrailers)
            {
                HeaderMetadata.AddToHeaders(call.ResponseTrailers, headers);
            }

            return;
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, GrpcProtocol.StatusValue(status.Code));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, PercentEncoding.Encode(status.Detail));
        }

        if (call.HasResponseTrailers)
        {
            HeaderMetadata.AddToTrailers(call.ResponseTrailers, response);
        }
    }

    /// <summary>An error answered before any call context exists (protocol errors, unknown methods).</summary>
    public static void WriteTrailersOnly(HttpResponse response, int httpStatus, StatusCode code, string detail)
    {
        response.StatusCode = httpStatus;
        var headers = response.Headers;
        headers.ContentType = GrpcProtocol.ContentTypeValue;
        headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusValue(code);
        headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(detail);
        if (httpStatus == StatusCodes.Status426UpgradeRequired)
        {
            headers[HeaderNames.Upgrade] = "h2c";
        }
    }

    private static async ValueTask FlushAsync(System.IO.Pipelines.PipeWriter writer, CancellationToken cancellationToken)
    {
        var result = await writer.FlushAsync(cancellationToken);
        ThrowIfCancelled(result, cancellationToken);
    }

    private static async ValueTask WriteAndFlushAsync(System.IO.Pipelines.PipeWriter writer, byte[] frame, CancellationToken cancellationToken)
    {
        var result = await writer.WriteAsync(frame, cancellationToken);
        ThrowIfCancelled(result, cancellationToken);
    }

    private static void ThrowIfCancelled(System.IO.Pipelines.FlushResult result, CancellationToken cancellationToken)
    {
        if (result.IsCanceled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException("The response was cancelled.", cancellationToken);
        }
    }
}
