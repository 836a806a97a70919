using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ProfileHub.Bench.GrpcReference;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// h2c with prior knowledge on every endpoint, as the TestHost listens.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
builder.Services.AddGrpc();

var app = builder.Build();
app.MapGrpcService<DictionaryLookupService>();
app.Lifetime.ApplicationStarted.Register(() =>
{
    // bench/transport/run.sh waits for the same READY line the TestHost prints, carrying the port bound.
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
    Console.Out.WriteLine("READY " + (addresses?.FirstOrDefault() ?? "unknown"));
    Console.Out.Flush();
});
await app.RunAsync();
