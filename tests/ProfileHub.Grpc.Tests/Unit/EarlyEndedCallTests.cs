using System.Net;
using Google.Protobuf;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.TestHost;
using ProfileHub.Grpc.Tests.Infrastructure;

namespace ProfileHub.Grpc.Tests.Unit;

/// <summary>
/// A server that ends a call while the client is still sending (it rejected an oversize message, or
/// its handler failed) stops reading the request. Whether the client's pending write then ends
/// depends on the server resetting the stream in time; a real server did not always do so, and the
/// write waited forever for flow-control credit. These tests stand in for such a server with an
/// HTTP handler whose upload never drains, a stall no healthy loopback connection produces on demand.
/// </summary>
public sealed class EarlyEndedCallTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("client streaming")]
    [InlineData("duplex streaming")]
    public async Task A_write_the_server_never_drains_fails_with_the_status_the_server_ended_the_call_with(string kind)
    {
        using var handler = new EndsCallDuringUpload(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.");
        using var channel = GrpcChannel.ForInvoker(new Uri("http://127.0.0.1:1"), new GrpcChannelOptions(), new HttpMessageInvoker(handler));
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[64]) };

        var error = kind == "client streaming"
            ? await WriteAsync(channel.ClientStreaming(EchoServerFixture.ClientStream).RequestStream, request)
            : await WriteAsync(channel.DuplexStreaming(EchoServerFixture.Bidi).RequestStream, request);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("maximum configured message size", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(handler.UploadCancelled, "the stalled upload write was left pending");
    }

    [Fact]
    public async Task A_write_after_the_server_ended_the_call_fails_at_once_with_its_status()
    {
        using var handler = new EndsCallDuringUpload(StatusCode.PermissionDenied, "not allowed");
        using var channel = GrpcChannel.ForInvoker(new Uri("http://127.0.0.1:1"), new GrpcChannelOptions(), new HttpMessageInvoker(handler));
        using var call = channel.ClientStreaming(EchoServerFixture.ClientStream);
        await WriteAsync(call.RequestStream, new EchoRequest());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest()).WaitAsync(Patience));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(Patience))).StatusCode);
    }

    private static async Task<RpcException> WriteAsync(IClientStreamWriter<EchoRequest> writer, EchoRequest request) =>
        await Assert.ThrowsAsync<RpcException>(() => writer.WriteAsync(request).WaitAsync(Patience));

    /// <summary>
    /// Starts uploading the request into a stream whose writes never complete (a flow-control window
    /// that never reopens), then answers trailers-only with the given status once the first write is pending.
    /// </summary>
    private sealed class EndsCallDuringUpload(StatusCode code, string message) : HttpMessageHandler
    {
        private readonly StalledStream _upload = new();

        public bool UploadCancelled => _upload.Cancelled;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _ = request.Content!.CopyToAsync(_upload, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            await _upload.WriteStarted.WaitAsync(Patience, cancellationToken);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, RequestMessage = request, Content = new ByteArrayContent([]) };
            response.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
            response.Headers.TryAddWithoutValidation("grpc-status", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.TryAddWithoutValidation("grpc-message", message);
            return response;
        }
    }

    private sealed class StalledStream : Stream
    {
        private readonly TaskCompletionSource _writeStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WriteStarted => _writeStarted.Task;

        public bool Cancelled { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _writeStarted.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("writes are asynchronous");

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
