using ProfileHub.Storage;
using ProfileHub.Server.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddProfileHubHosting();
builder.AddProfileHubObservability();
builder.Services.AddProfileHubCore(builder.Configuration);
builder.Services.AddProfileHubStorage(builder.Configuration.GetSection("ProfileHub:Storage"));
builder.Services.AddProfileHubCaching(builder.Configuration);
builder.Services.AddProfileHubGrpc(builder.Configuration);

var app = builder.Build();
app.MapProfileHubServices();
app.MapProfileHubMetrics();
await app.RunAsync();
