using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ProfileHub.Grpc;
using ProfileHub.Grpc.TestHost;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.UseGrpcDefaults());
builder.Services.AddGrpcTransport(options =>
{
    // Accept both "--MaxReceiveMessageSize N" and "--Grpc:MaxReceiveMessageSize N".
    builder.Configuration.Bind(options);
    builder.Configuration.GetSection("Grpc").Bind(options);
});
builder.Services.AddGrpcInterceptor<GrpcCallLoggingInterceptor>();
builder.Services.AddGrpcInterceptor<GrpcMetricsInterceptor>();
builder.Services.AddGrpcHealth();
builder.Services.AddSingleton<EchoService>();

var app = builder.Build();
app.MapEchoService();
app.MapGrpcHealth();
app.MapGrpcReflection();
app.Lifetime.ApplicationStarted.Register(() =>
{
    // Fixtures (C# and Python) wait for this exact line; with port 0 it carries the port actually bound.
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
    Console.Out.WriteLine("READY " + (addresses?.FirstOrDefault() ?? "unknown"));
    Console.Out.Flush();
});
await app.RunAsync();
